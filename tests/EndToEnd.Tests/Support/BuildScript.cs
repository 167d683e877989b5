using System.Diagnostics;
using System.Text.RegularExpressions;
using Build;
using Build.Docker;
using Build.Host;
using Build.Tools;

namespace EndToEnd.Tests.Support;

/// <summary>What one <c>./build.sh</c> run returned: exit code, everything it printed (colours removed) and its duration.</summary>
public sealed record BuildRun(int ExitCode, string Output, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"exit {ExitCode} after {Elapsed.TotalSeconds:0.0} s\n{Output}";
}

/// <summary>Runs the repository's <c>./build.sh</c> as a real process, as a user would, with extra environment variables.</summary>
public sealed partial class BuildScript(IReadOnlyDictionary<string, string?> environment)
{
    public static string Root { get; } =
        BuildPaths.FindRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException(
            "Cannot find the repository root above " + AppContext.BaseDirectory
        );

    private readonly CommandRunner _runner = new();

    public async Task<BuildRun> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        var stopwatch = Stopwatch.StartNew();
        var spec = new CommandSpec(Path.Combine(Root, "build.sh"), arguments)
        {
            WorkingDirectory = Root,
            Environment = environment,
        };
        ProcessResult result;
        try
        {
            result = await _runner.RunAsync(spec, cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail(
                $"./build.sh {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds:0} s."
            );
            throw;
        }
        var run = new BuildRun(
            result.ExitCode,
            AnsiPattern().Replace(result.StandardOutput + result.StandardError, ""),
            stopwatch.Elapsed
        );
        TestContext.Out.WriteLine($"--- ./build.sh {string.Join(' ', arguments)}: {run}");
        return run;
    }

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex AnsiPattern();
}
