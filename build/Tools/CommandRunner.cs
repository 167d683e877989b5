using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Build.Tools;

/// <summary>A command to run: executable, arguments (never parsed by a shell), extra environment, a bound.</summary>
public sealed record CommandSpec(string FileName, IReadOnlyList<string> Arguments)
{
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables added to (or overriding) the parent's environment; a null value removes one.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } =
        new Dictionary<string, string?>();

    /// <summary>Called with every stdout line as it arrives (streaming output such as <c>logs --follow</c>).</summary>
    public Action<string>? OnOutput { get; init; }

    /// <summary>Called with every stderr line as it arrives.</summary>
    public Action<string>? OnError { get; init; }

    /// <summary>After this the process tree is killed and the result is <see cref="ProcessResult.TimedOut"/>; null: no bound.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The command as one line, for logs (arguments only: the environment is never shown).</summary>
    public override string ToString() =>
        string.Join(
            ' ',
            new[] { FileName }.Concat(Arguments).Select(a => a.Contains(' ') ? $"'{a}'" : a)
        );
}

/// <summary>What a finished process printed and returned.</summary>
public sealed record ProcessResult(
    int ExitCode,
    string StandardOutput,
    string StandardError,
    bool TimedOut = false
)
{
    /// <summary>Standard output, then standard error (tools run on one file at a time, so nothing interleaves).</summary>
    public string Output =>
        StandardError.Length == 0 ? StandardOutput
        : StandardOutput.Length == 0 ? StandardError
        : StandardOutput.TrimEnd('\n') + "\n" + StandardError;

    public bool Succeeded => ExitCode == 0 && !TimedOut;

    /// <summary>The last non-empty lines of stderr (then stdout), for one-line error messages.</summary>
    public string LastLines(int count = 3)
    {
        var text = string.IsNullOrWhiteSpace(StandardError) ? StandardOutput : StandardError;
        var lines = text.Split(
            '\n',
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries
        );
        return string.Join(" | ", lines.TakeLast(count));
    }
}

/// <summary>
/// The one way the build runs external programs (docker, compose, infisical, git, promtool, the engines...): no
/// shell, arguments as a list, standard input closed, extra environment for the child only, output captured
/// exactly and streamed line by line to optional callbacks (which mask secrets), and the whole process tree
/// killed on a cancelled token (which throws) or after the spec's bound (a <see cref="ProcessResult.TimedOut"/> result).
/// A program that cannot start is a failed result naming it, not an exception.
/// </summary>
public sealed class CommandRunner
{
    /// <summary>The bound of <see cref="Run"/> when the caller names none.</summary>
    public static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(2);

    public async Task<ProcessResult> RunAsync(
        CommandSpec spec,
        CancellationToken cancellation = default
    )
    {
        var info = new ProcessStartInfo(spec.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = spec.WorkingDirectory ?? System.Environment.CurrentDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in spec.Environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return new ProcessResult(
                -1,
                "",
                $"cannot run {spec.FileName}: {e.Message} (is it installed and on PATH?)"
            );
        }
        process.StandardInput.Close();
        var stdout = PumpAsync(process.StandardOutput, spec.OnOutput);
        var stderr = PumpAsync(process.StandardError, spec.OnError);
        using var bound = spec.Timeout is { } timeout ? new CancellationTokenSource(timeout) : null;
        using var either = CancellationTokenSource.CreateLinkedTokenSource(
            cancellation,
            bound?.Token ?? CancellationToken.None
        );
        try
        {
            await process.WaitForExitAsync(either.Token);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            cancellation.ThrowIfCancellationRequested();
            await process.WaitForExitAsync(CancellationToken.None);
            return new ProcessResult(
                -1,
                await stdout,
                $"timed out after {spec.Timeout!.Value.TotalSeconds:F0} s\n{await stderr}".TrimEnd(),
                true
            );
        }
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs <paramref name="spec"/> to completion (the checkers' synchronous form), bounded by its timeout or <see cref="ToolTimeout"/>.</summary>
    public static ProcessResult Run(CommandSpec spec) =>
        new CommandRunner()
            .RunAsync(spec with { Timeout = spec.Timeout ?? ToolTimeout })
            .GetAwaiter()
            .GetResult();

    /// <summary>Runs a tool to completion (the checkers' synchronous form), bounded by <paramref name="timeout"/>.</summary>
    public static ProcessResult Run(
        string executable,
        IReadOnlyList<string> arguments,
        string? workingDirectory = null,
        TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null
    ) =>
        Run(
            new CommandSpec(executable, arguments)
            {
                WorkingDirectory = workingDirectory,
                Timeout = timeout,
                Environment =
                    environment?.ToDictionary(kv => kv.Key, kv => (string?)kv.Value)
                    ?? new Dictionary<string, string?>(),
            }
        );

    /// <summary>Reads a stream to its end, exactly, handing each complete line to <paramref name="onLine"/>.</summary>
    private static async Task<string> PumpAsync(StreamReader reader, Action<string>? onLine)
    {
        var all = new StringBuilder();
        var line = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            all.Append(buffer, 0, read);
            for (var i = 0; onLine is not null && i < read; i++)
            {
                if (buffer[i] != '\n')
                {
                    line.Append(buffer[i]);
                    continue;
                }
                onLine(line.ToString().TrimEnd('\r'));
                line.Clear();
            }
        }
        if (onLine is not null && line.Length > 0)
        {
            onLine(line.ToString().TrimEnd('\r'));
        }
        return all.ToString();
    }
}
