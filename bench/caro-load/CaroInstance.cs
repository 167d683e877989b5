using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CaroLoad;

/// <summary>One Caro process on free loopback ports, started and timed until /health/ready answers 200.</summary>
public sealed class CaroInstance : IAsyncDisposable
{
    private readonly Process _process;

    private readonly string _allocationFile;

    private CaroInstance(Process process, int httpPort, TimeSpan ready, string allocationFile)
    {
        _process = process;
        _allocationFile = allocationFile;
        BaseAddress = new Uri($"http://127.0.0.1:{httpPort}");
        TimeToReady = ready;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    /// <summary>CPU time Caro has used so far (user + system), from /proc: insensitive to other load on the machine.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }
    public TimeSpan TimeToReady { get; }

    /// <summary>The most resident memory Caro has had so far (VmHWM in /proc), or null when unreadable.</summary>
    public long? PeakMemoryBytes
    {
        get
        {
            try
            {
                var line = File.ReadLines($"/proc/{_process.Id}/status")
                    .FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
                return line is null
                    ? null
                    : 1024 * long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    // Last CPU ticks seen per tiered-compilation thread id: the runtime ends that thread after a few idle
    // seconds and starts a new one, and an ended thread's CPU must still count.
    private readonly Dictionary<string, long> _compilerTicks = [];

    /// <summary>CPU time of the runtime's tiered-compilation threads (".NET Tiered Com" in /proc), all so far.</summary>
    public TimeSpan CompilerCpuTime
    {
        get
        {
            try
            {
                foreach (var task in Directory.EnumerateDirectories($"/proc/{_process.Id}/task"))
                {
                    if (
                        File.ReadAllText(Path.Combine(task, "comm"))
                            .StartsWith(".NET Tiered", StringComparison.Ordinal)
                    )
                    {
                        // Fields 14 and 15 (utime, stime) after the ")" that ends the thread name.
                        var stat = File.ReadAllText(Path.Combine(task, "stat"));
                        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                        _compilerTicks[task] =
                            long.Parse(
                                fields[11],
                                System.Globalization.CultureInfo.InvariantCulture
                            )
                            + long.Parse(
                                fields[12],
                                System.Globalization.CultureInfo.InvariantCulture
                            );
                    }
                }
            }
            catch (IOException)
            {
                // a thread ended while being read, or no /proc: count what was read
            }
            return TimeSpan.FromSeconds(_compilerTicks.Values.Sum() / 100.0);
        }
    }

    /// <summary>
    /// Bytes Caro has allocated, its collections and GC pause time so far, asked of the AllocationHook startup
    /// hook through a FIFO (it answers at once and costs nothing in between), or null when the hook is not
    /// running (e.g. a trimmed publish).
    /// </summary>
    public GcProbe? Gc
    {
        get
        {
            if (!File.Exists(_allocationFile + ".hooked"))
            {
                return null;
            }
            using (
                var ask = new FileStream(_allocationFile + ".ask", FileMode.Open, FileAccess.Write)
            )
            {
                ask.WriteByte(1);
            }
            using var answer = new StreamReader(_allocationFile + ".answer");
            var n = answer
                .ReadToEnd()
                .Split(' ')
                .Select(x => long.Parse(x, System.Globalization.CultureInfo.InvariantCulture))
                .ToArray();
            return new GcProbe(n[0], n[1], n[2], n[3], TimeSpan.FromTicks(n[4]));
        }
    }

    /// <summary>The startup hook's assembly, built by run.sh; absent: no allocation figures.</summary>
    public static string HookAssembly =>
        Path.Combine(
            AppContext.BaseDirectory,
            "..",
            "..",
            "..",
            "AllocationHook",
            "bin",
            "Release",
            "net10.0",
            "AllocationHook.dll"
        );

    public static async Task<CaroInstance> StartAsync(
        string caro,
        IReadOnlyDictionary<string, string> environment
    )
    {
        var (http, management) = (FreePort(), FreePort());
        var start = caro.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? new ProcessStartInfo("dotnet") { ArgumentList = { caro } }
            : new ProcessStartInfo(caro);
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment["CARO_HTTP_PORT"] = http.ToString(
            System.Globalization.CultureInfo.InvariantCulture
        );
        start.Environment["CARO_MANAGEMENT_PORT"] = management.ToString(
            System.Globalization.CultureInfo.InvariantCulture
        );
        start.Environment["CARO_BIND_ADDRESS"] = "127.0.0.1";
        // No spin-waiting of idle thread-pool workers: on a shared, busy machine it burns CPU in proportion
        // to how long requests wait for a core, which would swamp CPU per request; same for every mode.
        start.Environment["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0";
        // Tier up after 30 calls without waiting for a quiet 100 ms (which a busy machine postpones): the
        // steady-state code is the same, but the warm-up ends with it compiled, not the measured window.
        start.Environment["DOTNET_TC_CallCountingDelayMs"] = "0";
        // Keep the tiered compiler's thread alive when idle (default: it ends after 4 s and a new one starts),
        // so its CPU time in /proc covers all of the JIT's background work.
        start.Environment["DOTNET_TC_BackgroundWorkerTimeoutMs"] = "3600000";
        var allocationFile = Path.Combine(
            Path.GetTempPath(),
            $"caro-load-alloc-{Guid.NewGuid():N}"
        );
        if (File.Exists(HookAssembly))
        {
            start.Environment["DOTNET_STARTUP_HOOKS"] = Path.GetFullPath(HookAssembly);
            start.Environment["CARO_LOAD_ALLOC_FILE"] = allocationFile;
            Fifo.Create(allocationFile + ".ask", allocationFile + ".answer");
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var watch = Stopwatch.StartNew();
        var process =
            Process.Start(start) ?? throw new InvalidOperationException("Caro did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        // A stopped benchmark (Ctrl+C, SIGTERM) takes its Caro with it instead of leaving it serving.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillQuietly(process);
        Console.CancelKeyPress += (_, _) => KillQuietly(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"Caro exited with code {process.ExitCode} during start"
                );
            }
            try
            {
                if (
                    (await probe.GetAsync($"http://127.0.0.1:{management}/health/ready")).StatusCode
                    == HttpStatusCode.OK
                )
                {
                    return new CaroInstance(process, http, watch.Elapsed, allocationFile);
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // slow first answer
            }
            await Task.Delay(5);
        }
        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("Caro was not ready within 60 s");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        foreach (var suffix in new[] { ".hooked", ".ask", ".answer" })
        {
            File.Delete(_allocationFile + suffix);
        }
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception exception)
            when (exception is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // already gone
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>What the allocation hook reports: bytes allocated, collections per generation, total GC pause time.</summary>
public sealed record GcProbe(long Allocated, long Gen0, long Gen1, long Gen2, TimeSpan Pause)
{
    public static GcProbe operator -(GcProbe a, GcProbe b) =>
        new(
            a.Allocated - b.Allocated,
            a.Gen0 - b.Gen0,
            a.Gen1 - b.Gen1,
            a.Gen2 - b.Gen2,
            a.Pause - b.Pause
        );

    public static GcProbe operator +(GcProbe a, GcProbe b) =>
        new(
            a.Allocated + b.Allocated,
            a.Gen0 + b.Gen0,
            a.Gen1 + b.Gen1,
            a.Gen2 + b.Gen2,
            a.Pause + b.Pause
        );
}
