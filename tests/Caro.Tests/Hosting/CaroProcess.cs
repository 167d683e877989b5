using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Caro.Shared.Hosting;

namespace Caro.Tests.Hosting;

/// <summary>The real Caro executable (dotnet Caro.dll) as a child process, with its output kept.</summary>
public sealed class CaroProcess : IDisposable
{
    private readonly Process _process;

    private CaroProcess(Process process) => _process = process;

    public ConcurrentQueue<string> Output { get; } = new();

    public Process Process => _process;

    /// <summary>Ports on loopback, telemetry off: the base environment of the process tests.</summary>
    public static Dictionary<string, string> Environment(int http, int management) =>
        new()
        {
            ["CARO_HTTP_PORT"] = http.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CARO_MANAGEMENT_PORT"] = management.ToString(
                System.Globalization.CultureInfo.InvariantCulture
            ),
            ["CARO_BIND_ADDRESS"] = "127.0.0.1",
            ["OTEL_SDK_DISABLED"] = "true",
        };

    /// <summary>Polls <c>/health/ready</c> on the management port until 200 (fails the test after 30 s).</summary>
    public async Task WaitReadyAsync(int management)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var started = Stopwatch.StartNew();
        HttpStatusCode? ready = null;
        while (
            started.Elapsed < TimeSpan.FromSeconds(30)
            && ready != HttpStatusCode.OK
            && !_process.HasExited
        )
        {
            try
            {
                ready = (
                    await client.GetAsync($"http://127.0.0.1:{management}/health/ready")
                ).StatusCode;
            }
            catch (Exception exception)
                when (exception is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(50);
            }
        }
        Assert.That(ready, Is.EqualTo(HttpStatusCode.OK), string.Join("\n", Output));
    }

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
