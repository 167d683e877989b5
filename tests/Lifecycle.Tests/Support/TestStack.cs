using System.Net;
using System.Net.Sockets;
using Build;
using Build.Host;

namespace Lifecycle.Tests.Support;

/// <summary>
/// A throw-away repository root with its own <c>stack/docker-compose.yaml</c> and <c>stack/env.yaml</c>, a unique
/// compose project name, and a runner for the real build host (real Cake engine, every build task) against it.
/// </summary>
public sealed class TestStack : IDisposable
{
    public TestStack(string compose, string catalog)
    {
        Root = Directory.CreateTempSubdirectory("lifecycle-tests-").FullName;
        Directory.CreateDirectory(StackDirectory);
        File.WriteAllText(Path.Combine(StackDirectory, "docker-compose.yaml"), compose);
        File.WriteAllText(Path.Combine(StackDirectory, "env.yaml"), catalog);
        Project = "lt" + Guid.NewGuid().ToString("N")[..10];
    }

    public string Root { get; }
    public string StackDirectory => Path.Combine(Root, "stack");
    public string DataDirectory => Path.Combine(StackDirectory, "data");
    public string Project { get; }

    /// <summary>Runs the build with <paramref name="args"/> plus this stack's project name; exit code and output.</summary>
    public (int ExitCode, string Output) Run(params string[] args) => RunWith(_ => null, args);

    public (int ExitCode, string Output) RunWith(
        Func<string, string?> hostVariables,
        params string[] args
    ) => RunCancellable(hostVariables, CancellationToken.None, args);

    /// <summary>Runs the build with a cancellation token (what Ctrl+C cancels in the real program).</summary>
    public (int ExitCode, string Output) RunCancellable(
        Func<string, string?> hostVariables,
        CancellationToken cancellation,
        params string[] args
    )
    {
        var console = new FakeConsole();
        // Cake's environment makes the repository root the process's working directory: restore it afterwards.
        var workingDirectory = Environment.CurrentDirectory;
        var exitCode = new BuildHost()
            .UseConsole(console)
            .UseAssembly(typeof(BuildHost).Assembly)
            .UseContext<BuildContext>()
            .UseWorkingDirectory(Root)
            .UseEnvironmentVariables(hostVariables)
            .Run([.. args, $"--project-name={Project}", "--exclusive"], cancellation);
        Environment.CurrentDirectory = workingDirectory;
        TestContext.Out.WriteLine(
            $"--- build {string.Join(' ', args)} -> {exitCode}\n{console.All}"
        );
        return (exitCode, console.All);
    }

    /// <summary>The last <c>Error: </c> line the build printed (the one line a failure must be).</summary>
    public static string ErrorLine(string output) =>
        output.Split('\n').Last(l => l.StartsWith("Error: ")).TrimEnd();

    /// <summary>A TCP port nobody listens on right now (the kernel picks it).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Files owned by container users are removed by Reset or by the next /tmp clean-up.
        }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Sets process environment variables for one test and restores them afterwards.</summary>
public sealed class EnvironmentScope : IDisposable
{
    private readonly Dictionary<string, string?> _saved = new();

    public EnvironmentScope Set(string name, string? value)
    {
        if (!_saved.ContainsKey(name))
        {
            _saved[name] = Environment.GetEnvironmentVariable(name);
        }
        Environment.SetEnvironmentVariable(name, value);
        return this;
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
