using Build;
using Build.Host;

// Ctrl+C cancels the token the tasks receive (FrostingContext.CancellationToken); a second Ctrl+C kills the process.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (!cancellation.IsCancellationRequested)
    {
        e.Cancel = true;
        cancellation.Cancel();
    }
};

// The repository the compiled build belongs to, else the one around the current folder: the tasks' root.
var root =
    BuildPaths.FindRoot(AppContext.BaseDirectory)
    ?? BuildPaths.FindRoot(Directory.GetCurrentDirectory());
if (root is null)
{
    Console.Error.WriteLine(
        "Error: cannot find the repository root (a folder with global.json and build/Build.csproj); run ./build.sh from the repository."
    );
    return BuildHost.UsageError;
}
return await new BuildHost()
    .UseContext<BuildContext>()
    .UseWorkingDirectory(root)
    .UseLifetime<BuildLifetime>()
    .UseTaskLifetime<TaskLifetime>()
    .RunAsync(args, cancellation.Token);
