using System.Collections.Concurrent;
using System.Diagnostics;
using Caro.Shared.Hosting;

namespace Caro.Tests.Hosting;

/// <summary>The real Caro executable (dotnet Caro.dll) as a child process, with its output kept.</summary>
public sealed class CaroProcess : IDisposable
{
    private readonly Process _process;

    private CaroProcess(Process process) => _process = process;

    public ConcurrentQueue<string> Output { get; } = new();

    public Process Process => _process;

    public static CaroProcess Start(
        IReadOnlyDictionary<string, string> environment,
        params string[] arguments
    )
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(CaroApp).Assembly.Location);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = new Process { StartInfo = start };
        var caro = new CaroProcess(process);
        process.OutputDataReceived += (_, e) => caro.Enqueue(e.Data);
        process.ErrorDataReceived += (_, e) => caro.Enqueue(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return caro;
    }

    /// <summary>Runs to completion (with a deadline) and returns the exit code and output.</summary>
    public static async Task<(int ExitCode, string Output, TimeSpan Elapsed)> RunAsync(
        IReadOnlyDictionary<string, string> environment,
        TimeSpan timeout,
        params string[] arguments
    )
    {
        var watch = Stopwatch.StartNew();
        using var caro = Start(environment, arguments);
        using var cancel = new CancellationTokenSource(timeout);
        await caro._process.WaitForExitAsync(cancel.Token);
        caro._process.WaitForExit(); // drain output
        return (caro._process.ExitCode, string.Join("\n", caro.Output), watch.Elapsed);
    }

    public void Terminate() =>
        Process
            .Start(
                "kill",
                ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]
            )!
            .WaitForExit();

    private void Enqueue(string? line)
    {
        if (line is not null)
        {
            Output.Enqueue(line);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
