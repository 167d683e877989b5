using Build.Host;

namespace Build.Tests;

/// <summary>Runs the real host (real Cake engine) in-process with a fake console and the build's own context.</summary>
public static class HostFixture
{
    public static string RepositoryRoot { get; } =
        BuildPaths.FindRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("repository root not found");

    /// <summary>A host as ./build.sh makes it, with no environment variable set unless <paramref name="variables"/> says.</summary>
    public static BuildHost Host(FakeConsole console, Func<string, string?>? variables = null) =>
        new BuildHost()
            .UseConsole(console)
            .UseContext<BuildContext>()
            .UseWorkingDirectory(RepositoryRoot)
            .UseEnvironmentVariables(variables ?? (_ => null));

    public static (int ExitCode, FakeConsole Console) Run(Type[] tasks, params string[] args) =>
        RunWith(null, tasks, args);

    public static (int ExitCode, FakeConsole Console) RunWith(
        Func<string, string?>? variables,
        Type[] tasks,
        params string[] args
    )
    {
        var console = new FakeConsole();
        var exitCode = Host(console, variables).UseTasks(tasks).Run(args);
        return (exitCode, console);
    }

    /// <summary>The real build's tasks (the Build assembly), as ./build.sh runs them.</summary>
    public static (int ExitCode, FakeConsole Console) RunRealBuild(params string[] args)
    {
        var console = new FakeConsole();
        var exitCode = Host(console).UseAssembly(typeof(BuildHost).Assembly).Run(args);
        return (exitCode, console);
    }
}
