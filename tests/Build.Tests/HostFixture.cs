using Build.Host;

namespace Build.Tests;

/// <summary>Runs the real host (real Cake engine) in-process with a fake console.</summary>
public static class HostFixture
{
    public static string RepositoryRoot { get; } =
        BuildPaths.FindRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("repository root not found");

    public static (int ExitCode, FakeConsole Console) Run(Type[] tasks, params string[] args)
    {
        var console = new FakeConsole();
        var exitCode = new BuildHost()
            .UseConsole(console)
            .UseTasks(tasks)
            .UseRootDirectory(RepositoryRoot)
            .UseEnvironmentVariables(_ => null)
            .Run(args);
        return (exitCode, console);
    }

    /// <summary>The real build's tasks (the Build assembly), as ./build.sh runs them.</summary>
    public static (int ExitCode, FakeConsole Console) RunRealBuild(params string[] args)
    {
        var console = new FakeConsole();
        var exitCode = new BuildHost()
            .UseConsole(console)
            .UseAssembly(typeof(BuildHost).Assembly)
            .UseRootDirectory(RepositoryRoot)
            .UseEnvironmentVariables(_ => null)
            .Run(args);
        return (exitCode, console);
    }
}
