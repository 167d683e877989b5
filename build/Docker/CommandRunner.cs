using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Build.Host;

namespace Build.Docker;

/// <summary>A command to run: executable, arguments (never parsed by a shell) and extra environment.</summary>
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

    /// <summary>The command as one line, for logs (arguments only: the environment is never shown).</summary>
    public override string ToString() =>
        string.Join(
            ' ',
            new[] { FileName }.Concat(Arguments).Select(a => a.Contains(' ') ? $"'{a}'" : a)
        );

    public CommandSpec Prefixed(IReadOnlyList<string> prefix) =>
        prefix.Count == 0
            ? this
            : this with
            {
                FileName = prefix[0],
                Arguments = [.. prefix.Skip(1), FileName, .. Arguments],
            };
}

/// <summary>What a finished command printed and returned.</summary>
public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

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

/// <summary>Runs external commands (docker, docker compose, infisical) with captured output and cancellation.</summary>
public sealed class CommandRunner
{
    /// <summary>Runs <paramref name="spec"/> to completion; a cancelled token kills the whole process tree.</summary>
    public async Task<CommandResult> RunAsync(
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
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var outputDone = new TaskCompletionSource();
        var errorDone = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) => Collect(e.Data, stdout, spec.OnOutput, outputDone);
        process.ErrorDataReceived += (_, e) => Collect(e.Data, stderr, spec.OnError, errorDone);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new BuildException(
                $"Cannot run '{spec.FileName}': {e.Message}. Is it installed and on PATH?",
                e
            );
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellation);
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
            throw;
        }
        await Task.WhenAll(outputDone.Task, errorDone.Task);
        return new CommandResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    private static void Collect(
        string? line,
        StringBuilder buffer,
        Action<string>? callback,
        TaskCompletionSource done
    )
    {
        if (line is null)
        {
            done.TrySetResult();
            return;
        }
        lock (buffer)
        {
            buffer.Append(line).Append('\n');
        }
        callback?.Invoke(line);
    }

    /// <summary>The full path of <paramref name="name"/> found on PATH, or null.</summary>
    public static string? FindOnPath(string name)
    {
        if (name.Contains('/'))
        {
            return File.Exists(name) ? name : null;
        }
        var path = System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
