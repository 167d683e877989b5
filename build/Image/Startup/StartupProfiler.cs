using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Build.Host;

namespace Build.Image.Startup;

/// <summary>
/// Records which methods Caro compiles from its start until <c>/health/ready</c> answers 200: runs the published
/// (not precompiled) binary on free loopback ports with the JIT's method list switched on
/// (<c>DOTNET_JitStdOutFile</c>, <c>DOTNET_JitDisasmSummary=1</c>), waits for readiness, then stops it with SIGTERM
/// so the list is flushed. Telemetry stays on (as in the image) and exports to a closed local port.
/// </summary>
public static class StartupProfiler
{
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    public static async Task<IReadOnlyList<JitMethodName>> RecordAsync(
        string binary,
        string workDirectory,
        CancellationToken cancellation
    )
    {
        var list = Path.Combine(workDirectory, "startup-jit.txt");
        File.Delete(list);
        var ports = FreePorts(3);
        var info = new ProcessStartInfo(binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workDirectory,
        };
        info.Environment["DOTNET_JitStdOutFile"] = list;
        info.Environment["DOTNET_JitDisasmSummary"] = "1";
        info.Environment["CARO_BIND_ADDRESS"] = "127.0.0.1";
        info.Environment["CARO_HTTP_PORT"] = ports[0].ToString();
        info.Environment["CARO_MANAGEMENT_PORT"] = ports[1].ToString();
        info.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{ports[2]}";
        info.Environment["CARO_SHUTDOWN_TIMEOUT_SECONDS"] = "3";
        using var process = Process.Start(info)!;
        var output = new List<string>();
        process.OutputDataReceived += (_, e) => Add(output, e.Data);
        process.ErrorDataReceived += (_, e) => Add(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        int atReady;
        try
        {
            await WaitReadyAsync(process, ports[1], output, cancellation);
            // The list is written through a buffer: lines not yet on disk at readiness were compiled before it too.
            atReady = LinesOnDisk(list) + UnflushedLines;
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString()])!)
            {
                await kill.WaitForExitAsync(cancellation);
            }
            using var exit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            exit.CancelAfter(TimeSpan.FromSeconds(15));
            await process.WaitForExitAsync(exit.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        // Only what ran until ready: what the JIT compiles for the shutdown is not part of the start-up path.
        var names = File.Exists(list)
            ? File.ReadLines(list)
                .Take(atReady)
                .Select(JitMethodName.ParseLine)
                .OfType<JitMethodName>()
                .ToList()
            : [];
        if (names.Count == 0)
        {
            throw new BuildException(
                $"Caro started but the JIT wrote no method list to {list}; publish with --ready-to-run=full instead."
            );
        }
        return names;
    }

    /// <summary>At most this many lines of the list fit in the JIT's output buffer (4 KiB, lines of 100+ bytes).</summary>
    private const int UnflushedLines = 48;

    private static int LinesOnDisk(string list)
    {
        if (!File.Exists(list))
        {
            return 0;
        }
        using var stream = new FileStream(
            list,
            FileMode.Open,
            FileAccess.Read,
            FileShare.ReadWrite
        );
        var count = 0;
        foreach (var b in new BinaryReader(stream).ReadBytes((int)stream.Length))
        {
            count += b == '\n' ? 1 : 0;
        }
        return count;
    }

    private static async Task WaitReadyAsync(
        Process process,
        int port,
        List<string> output,
        CancellationToken cancellation
    )
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ReadyTimeout)
        {
            if (process.HasExited)
            {
                throw new BuildException(
                    $"Caro exited with code {process.ExitCode} while its start-up was being profiled: {string.Join(" | ", Tail(output))}"
                );
            }
            try
            {
                using var response = await http.GetAsync(
                    $"http://127.0.0.1:{port}/health/ready",
                    cancellation
                );
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!cancellation.IsCancellationRequested) { }
            await Task.Delay(50, cancellation);
        }
        throw new BuildException(
            $"Caro was not ready within {ReadyTimeout.TotalSeconds:0} s while its start-up was being profiled: {string.Join(" | ", Tail(output))}"
        );
    }

    private static void Add(List<string> output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.Add(line);
            }
        }
    }

    private static IEnumerable<string> Tail(List<string> output)
    {
        lock (output)
        {
            return output.TakeLast(3).ToList();
        }
    }

    /// <summary>Distinct free loopback ports (held open together while chosen, so they differ).</summary>
    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable
            .Range(0, count)
            .Select(_ => new TcpListener(IPAddress.Loopback, 0))
            .ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }
}
