using System.ComponentModel;
using System.Diagnostics;

namespace Build.Rules.Tools;

/// <summary>What a finished process printed and returned.</summary>
public sealed record ProcessResult(
    int ExitCode,
    string StandardOutput,
    string StandardError,
    bool TimedOut
)
{
    /// <summary>Standard output, then standard error (tools run on one file at a time, so nothing interleaves).</summary>
    public string Output =>
        StandardError.Length == 0 ? StandardOutput
        : StandardOutput.Length == 0 ? StandardError
        : StandardOutput.TrimEnd('\n') + "\n" + StandardError;

    public bool Succeeded => ExitCode == 0 && !TimedOut;
}

/// <summary>Runs an external tool and captures its output (no shell, arguments passed as a list).</summary>
public static class ToolProcess
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    public static ProcessResult Run(
        string executable,
        IReadOnlyList<string> arguments,
        string? workingDirectory = null,
        TimeSpan? timeout = null
    )
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process =
                Process.Start(info) ?? throw new Win32Exception($"could not start {executable}");
        }
        catch (Win32Exception e)
        {
            return new ProcessResult(-1, string.Empty, $"{executable}: {e.Message}", false);
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout ?? DefaultTimeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return new ProcessResult(-1, stdout.Result, stderr.Result, true);
            }
            process.WaitForExit();
            return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result, false);
        }
    }
}
