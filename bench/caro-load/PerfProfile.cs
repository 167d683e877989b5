using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CaroLoad;

/// <summary>
/// <c>--perf</c>: samples every Caro process with Linux <c>perf</c> (software clock, call stacks) while the slices
/// of one endpoint run, and splits each process's CPU into telemetry, JIT and the rest. A sample counts as
/// telemetry when any frame of its stack is OpenTelemetry's, System.Diagnostics' Activity/Metrics/DiagnosticListener,
/// ASP.NET Core Hosting's diagnostics or metrics, or runs on an OpenTelemetry export thread; it is further
/// split into export, metrics, logs and spans (see <see cref="Parts"/>). These shares are
/// proportions within one process, so machine load, which moves CPU per request by tens of percent, hardly moves
/// them: "telemetry CPU-ms/req" is the part of the on-mode's own CPU per request spent in telemetry code.
/// Caro's processes get DOTNET_PerfMapEnabled=1 (JIT symbols in /tmp/perf-PID.map) and
/// DOTNET_EnableWriteXorExecute=0 (so perf can map JIT code to them) in every mode alike.
/// </summary>
public sealed partial class PerfProfile : IDisposable
{
    public static readonly IReadOnlyDictionary<string, string> Environment = new Dictionary<
        string,
        string
    >
    {
        ["DOTNET_PerfMapEnabled"] = "1",
        ["DOTNET_EnableWriteXorExecute"] = "0",
    };

    /// <summary>
    /// Telemetry's parts and the frames that mark them, in the order a sample is given to one: export first
    /// (serialising and sending happen under the processors' frames), then metrics, logs, and spans.
    /// </summary>
    public static readonly IReadOnlyList<(string Part, string[] Frames)> Parts =
    [
        (
            "export",
            [
                "OpenTelemetry.Exporter",
                "BatchExport",
                "PeriodicExportingMetricReader",
                "OtlpExporter",
            ]
        ),
        (
            "metrics",
            [
                "System.Diagnostics.Metrics",
                "OpenTelemetry.Metrics",
                "Microsoft.AspNetCore.Hosting.HostingMetrics",
                "HostingApplicationDiagnostics::RecordRequest",
            ]
        ),
        ("logs", ["OpenTelemetry.Logs", "OpenTelemetryLogger"]),
        (
            "spans",
            [
                "[OpenTelemetry",
                "System.Diagnostics.Activity",
                "System.Diagnostics.DiagnosticListener",
                "HostingApplicationDiagnostics::StartActivity",
                "HostingApplicationDiagnostics::StopActivity",
            ]
        ),
    ];

    private readonly Process _perf;
    private readonly string _file;
    private readonly Task<string> _errors;
    private readonly StreamWriter _control;
    private readonly StreamReader _ack;

    private PerfProfile(Process perf, string file, StreamWriter control, StreamReader ack) =>
        (_perf, _file, _errors, _control, _ack) = (
            perf,
            file,
            perf.StandardError.ReadToEndAsync(),
            control,
            ack
        );

    /// <summary>True when perf can sample here (installed, and the kernel lets it).</summary>
    public static bool Available(out string why)
    {
        try
        {
            using var probe = Process.Start(
                new ProcessStartInfo("perf", ["stat", "-e", "cpu-clock", "--", "true"])
                {
                    RedirectStandardError = true,
                    RedirectStandardOutput = true,
                }
            )!;
            probe.WaitForExit();
            why = probe.ExitCode == 0 ? "" : "perf cannot sample here (perf_event_paranoid?)";
            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            why = "perf is not installed (Debian: apt-get install linux-perf)";
            return false;
        }
    }

    /// <summary>
    /// Starts perf with its events off and turns them on through its control FIFO, returning once perf has
    /// acknowledged: attaching to two busy processes can take seconds, which must not shorten the window.
    /// </summary>
    public static async Task<PerfProfile> StartAsync(IEnumerable<int> pids)
    {
        var file = Path.Combine(Path.GetTempPath(), $"caro-load-{Guid.NewGuid():N}.perf");
        Fifo.Create(file + ".ctl", file + ".ack");
        var perf = Process.Start(
            new ProcessStartInfo(
                "perf",
                [
                    "record",
                    "-q",
                    "-e",
                    "cpu-clock",
                    "-F",
                    "499",
                    "-g",
                    "-D",
                    "-1",
                    "--control",
                    $"fifo:{file}.ctl,{file}.ack",
                    "-p",
                    string.Join(",", pids),
                    "-o",
                    file,
                ]
            )
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            }
        )!;
        var control = new StreamWriter(file + ".ctl") { AutoFlush = true };
        var ack = new StreamReader(file + ".ack");
        var profile = new PerfProfile(perf, file, control, ack);
        await profile.CommandAsync("enable");
        return profile;
    }

    private async Task CommandAsync(string command)
    {
        await _control.WriteLineAsync(command);
        var buffer = new char[16];
        await _ack.ReadAsync(buffer); // "ack"
    }

    /// <summary>Stops sampling (SIGINT, so perf writes its file) and returns the shares per process id.</summary>
    public async Task<IReadOnlyDictionary<int, PerfShares>> StopAsync()
    {
        if (_perf.HasExited)
        {
            // perf ended early (killed, or it failed): report what it wrote, never a broken-pipe exception.
            Console.Error.WriteLine(
                $"caro-load: perf ended early (exit code {_perf.ExitCode}); its samples stop there."
            );
        }
        else
        {
            await CommandAsync("disable");
            using var interrupt = Process.Start("kill", ["-INT", _perf.Id.ToString()]);
            await interrupt.WaitForExitAsync();
        }
        await _perf.WaitForExitAsync();
        if (!File.Exists(_file))
        {
            Console.Error.WriteLine(
                $"caro-load: perf record wrote nothing: {(await _errors).Trim()}"
            );
            return new Dictionary<int, PerfShares>();
        }
        var script = Process.Start(
            new ProcessStartInfo("perf", ["script", "-i", _file, "-F", "pid,tid,comm,ip,sym,dso"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            }
        )!;
        var scriptErrors = script.StandardError.ReadToEndAsync();
        // Per process: all samples, the JIT's, each part's (index into Parts), each group's and each leaf's.
        var counts =
            new Dictionary<
                int,
                (
                    long All,
                    long Jit,
                    long[] Parts,
                    Dictionary<string, long> Groups,
                    Dictionary<string, long> Leaves
                )
            >();
        int? pid = null;
        var jit = false;
        var thread = "";
        var marked = new bool[Parts.Count];
        var stack = new List<PerfGroups.Frame>();
        void Flush()
        {
            if (pid is { } p)
            {
                var c = counts.GetValueOrDefault(p, (0, 0, new long[Parts.Count], new(), new()));
                var part = Array.IndexOf(marked, true);
                if (part >= 0)
                {
                    c.Parts[part]++;
                }
                var group = PerfGroups.Classify(stack, thread, part >= 0 ? Parts[part].Part : null);
                c.Groups[group] = c.Groups.GetValueOrDefault(group) + 1;
                var leaf = PerfGroups.Leaf(stack);
                c.Leaves[leaf] = c.Leaves.GetValueOrDefault(leaf) + 1;
                counts[p] = (c.All + 1, c.Jit + (jit ? 1 : 0), c.Parts, c.Groups, c.Leaves);
            }
            (pid, jit, thread) = (null, false, "");
            Array.Clear(marked);
            stack.Clear();
        }
        while (await script.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.Length == 0)
            {
                Flush();
            }
            else if (!char.IsWhiteSpace(line[0]))
            {
                Flush();
                var header = Header().Match(line);
                if (header.Success)
                {
                    pid = int.Parse(header.Groups["pid"].Value);
                    thread = header.Groups["comm"].Value;
                    // The SDK's own threads (batch export, periodic metric reader) are export.
                    marked[0] = thread.StartsWith("OpenTelemetry", StringComparison.Ordinal);
                    jit = thread.StartsWith(".NET Tiered", StringComparison.Ordinal);
                }
            }
            else
            {
                for (var i = 0; i < Parts.Count; i++)
                {
                    marked[i] |= Parts[i]
                        .Frames.Any(f => line.Contains(f, StringComparison.Ordinal));
                }
                jit |= line.Contains("libclrjit.so", StringComparison.Ordinal);
                stack.Add(PerfGroups.Frame.Parse(line));
            }
        }
        Flush();
        await script.WaitForExitAsync();
        if (counts.Count == 0)
        {
            Console.Error.WriteLine(
                $"caro-load: perf found no samples: {(await _errors).Trim()} {(await scriptErrors).Trim()}"
            );
        }
        return counts.ToDictionary(
            c => c.Key,
            c => new PerfShares(
                c.Value.All,
                c.Value.Parts.Select(n => (double)n / c.Value.All).ToArray(),
                (double)c.Value.Jit / c.Value.All,
                c.Value.Groups,
                c.Value.Leaves
            )
        );
    }

    public void Dispose()
    {
        _control.Dispose();
        _ack.Dispose();
        _perf.Dispose();
        foreach (var path in new[] { _file, _file + ".ctl", _file + ".ack" })
        {
            File.Delete(path);
        }
    }

    [GeneratedRegex(@"^(?<comm>.*?)\s+(?<pid>\d+)/\d+\s*$")]
    private static partial Regex Header();
}
