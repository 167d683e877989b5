using System.ComponentModel;
using System.Diagnostics;

namespace Build.Tools;

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

/// <summary>
/// Runs an external tool and captures its output: no shell, arguments as a list, standard input closed, extra
/// environment for the child only, and a bound after which the whole process tree is killed.
/// </summary>
public static class ToolProcess
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    public static ProcessResult Run(
        string executable,
        IReadOnlyList<string> arguments,
        string? workingDirectory = null,
        TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null
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
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
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
            var bound = timeout ?? DefaultTimeout;
            if (!process.WaitForExit(bound))
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // already gone
                }
                process.WaitForExit();
                return new ProcessResult(
                    -1,
                    stdout.Result,
                    $"timed out after {bound.TotalSeconds:F0} s\n{stderr.Result}".TrimEnd(),
                    true
                );
            }
            process.WaitForExit();
            return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result, false);
        }
    }
}
