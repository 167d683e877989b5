using System.Diagnostics;

namespace Build.Tests;

/// <summary>Runs a program with its output redirected (so not a terminal), as a user's script or CI would.</summary>
internal static class ChildProcess
{
    public static (int ExitCode, string Output, string Error) Run(
        string directory,
        string file,
        IReadOnlyList<string> args,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null
    )
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail(
                $"{Path.GetFileName(file)} {string.Join(' ', args)} did not finish in {timeout.TotalMinutes:0} minutes"
            );
        }
        return (process.ExitCode, output.Result, error.Result);
    }
}
