using System.Diagnostics;
using System.Text.RegularExpressions;
using Verify.Tests.Doubles;

namespace Verify.Tests.Engines;

/// <summary>One engine process started by the fixture: its ports, log file and process.</summary>
public sealed record EngineProcess(string Name, Process Process, Uri Api, string Log);

/// <summary>
/// Real Loki, Mimir and Tempo processes on free loopback ports, run on copies of stack/config whose container paths
/// (<c>/etc/&lt;engine&gt;</c>, the data directory) and the <c>mimir</c> host name are rewritten to a temporary
/// folder and the chosen ports. The binaries come from the folder <see cref="Variable"/> names (built from the
/// engines' public source outside the repository); without it the suite is skipped with that reason.
/// </summary>
public sealed class RealEngines : IAsyncDisposable
{
    public const string Variable = "LGTM_ENGINES_DIR";

    private static readonly Dictionary<string, string> DataPaths = new()
    {
        ["loki"] = "/loki",
        ["mimir"] = "/data",
        ["tempo"] = "/var/tempo",
    };

    private readonly string _work = Path.Combine(
        Path.GetTempPath(),
        "verify-engines-" + Guid.NewGuid().ToString("N")[..8]
    );
    private readonly List<EngineProcess> _processes = [];

    private readonly Uri _closed = new($"http://127.0.0.1:{HttpDouble.FreePort()}");

    public static readonly string[] All = ["loki", "mimir", "tempo"];

    /// <summary>The engines whose binary is missing: their URLs point at a closed port.</summary>
    public IReadOnlyList<string> Missing { get; private set; } = [];

    /// <summary>The engine's HTTP API, or a closed port when its binary is missing.</summary>
    public Uri Api(string engine) =>
        _processes.FirstOrDefault(p => p.Name == engine)?.Api ?? _closed;

    /// <summary>Skips the calling test unless these engines run.</summary>
    public void Require(params string[] engines)
    {
        var missing = engines.Intersect(Missing).ToArray();
        if (missing.Length > 0)
        {
            Assert.Ignore(
                $"needs {string.Join(", ", missing)}: {Variable} has no such binary yet."
            );
        }
    }

    /// <summary>Tempo's own OTLP/HTTP receiver (not its API port).</summary>
    public Uri TempoOtlp { get; private set; } = null!;

    /// <summary>Seconds from each process start to its /ready.</summary>
    public Dictionary<string, double> ReadyAfter { get; } = [];

    /// <summary>The folder of the binaries, or a reason to skip.</summary>
    public static (string? Directory, string? Skip) Locate()
    {
        var directory = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(directory))
        {
            return (
                null,
                $"{Variable} is not set: this suite runs Verify against real Loki, Mimir and Tempo binaries in that folder (build/Verify/README.md)."
            );
        }
        return All.Any(e => File.Exists(Path.Combine(directory, e)))
            ? (directory, null)
            : (null, $"{Variable}={directory} has none of the loki, mimir, tempo binaries.");
    }

    public async Task StartAsync(string binaries, TimeSpan readyDeadline)
    {
        Missing = All.Where(e => !File.Exists(Path.Combine(binaries, e))).ToArray();
        var port = new Func<int>(HttpDouble.FreePort);
        var (lokiHttp, mimirHttp, tempoHttp) = (port(), port(), port());
        var tempoOtlpHttp = port();
        TempoOtlp = new Uri($"http://127.0.0.1:{tempoOtlpHttp}");
        var replacements = new Dictionary<string, string>
        {
            ["0.0.0.0:4317"] = $"127.0.0.1:{port()}",
            ["0.0.0.0:4318"] = $"127.0.0.1:{tempoOtlpHttp}",
            ["http://mimir:9009"] = $"http://127.0.0.1:{mimirHttp}",
        };
        string[] Common(string engine, string config, int http) =>
            [
                $"-config.file={config}/{engine}.yaml",
                "-config.expand-env=true",
                "-server.http-listen-address=127.0.0.1",
                "-server.grpc-listen-address=127.0.0.1",
                $"-server.http-listen-port={http}",
                $"-server.grpc-listen-port={port()}",
            ];
        if (!Missing.Contains("loki"))
        {
            var loki = Prepare("loki", replacements);
            Start("loki", binaries, Common("loki", loki, lokiHttp), lokiHttp);
        }
        if (!Missing.Contains("mimir"))
        {
            StartMimir(binaries, replacements, Common, mimirHttp, port);
        }
        if (!Missing.Contains("tempo"))
        {
            var tempo = Prepare("tempo", replacements);
            Start(
                "tempo",
                binaries,
                // Tempo has no -server.*-listen-address flags (it refuses to start with them).
                [
                    .. Common("tempo", tempo, tempoHttp)
                        .Where(a => !a.Contains("-listen-address=", StringComparison.Ordinal)),
                    $"-memberlist.bind-port={port()}",
                ],
                tempoHttp
            );
        }
        await Task.WhenAll(_processes.Select(p => WaitReadyAsync(p, readyDeadline)));
    }

    private void StartMimir(
        string binaries,
        IReadOnlyDictionary<string, string> replacements,
        Func<string, string, int, string[]> Common,
        int mimirHttp,
        Func<int> port
    )
    {
        var mimir = Prepare("mimir", replacements);
        var rings = new[]
        {
            "compactor.ring",
            "store-gateway.sharding-ring",
            "alertmanager.sharding-ring",
            "ruler.ring",
            "distributor.ring",
            "ingester.ring",
            "query-scheduler.ring",
            // Not a ring: the address the query frontend gives its queriers (its own gRPC, on loopback here).
            "query-frontend",
        };
        Start(
            "mimir",
            binaries,
            [
                .. Common("mimir", mimir, mimirHttp),
                "-target=all,alertmanager",
                "-memberlist.bind-addr=127.0.0.1",
                $"-memberlist.bind-port={port()}",
                $"-ruler.alertmanager-url=http://127.0.0.1:{mimirHttp}/alertmanager",
                .. rings.Select(r => $"-{r}.instance-addr=127.0.0.1"),
            ],
            mimirHttp
        );
    }

    /// <summary>A copy of stack/config/&lt;engine&gt; with container paths and host names rewritten.</summary>
    private string Prepare(string engine, IReadOnlyDictionary<string, string> replacements)
    {
        var config = Path.Combine(_work, engine, "config");
        var data = Path.Combine(_work, engine, "data");
        Directory.CreateDirectory(data);
        Copy(Path.Combine(TestPaths.Stack, "config", engine), config);
        foreach (var file in Directory.GetFiles(config, "*.yaml", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            text = Regex.Replace(
                text,
                $@"(^|[\s:=""'])/etc/{engine}",
                m => m.Groups[1].Value + config,
                RegexOptions.Multiline
            );
            text = Regex.Replace(
                text,
                $@"(^|[\s:=""']){Regex.Escape(DataPaths[engine])}(?=[/""' ]|$)",
                m => m.Groups[1].Value + data,
                RegexOptions.Multiline
            );
            foreach (var (from, to) in replacements)
            {
                text = text.Replace(from, to, StringComparison.Ordinal);
            }
            File.WriteAllText(file, text);
        }
        return config;
    }

    private void Start(string engine, string binaries, string[] arguments, int http)
    {
        var log = Path.Combine(_work, engine, "engine.log");
        var info = new ProcessStartInfo(Path.Combine(binaries, engine))
        {
            WorkingDirectory = Path.Combine(_work, engine),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (
            var line in File.ReadAllLines(
                    Path.Combine(TestPaths.Stack, "config", "storage", "local.env")
                )
                .Where(l => l.Contains('=') && !l.StartsWith('#'))
        )
        {
            info.Environment[line[..line.IndexOf('=')]] = line[(line.IndexOf('=') + 1)..];
        }
        var process = Process.Start(info)!;
        var writer = new StreamWriter(log) { AutoFlush = true };
        process.OutputDataReceived += (_, e) =>
        {
            lock (writer)
            {
                if (e.Data is not null)
                    writer.WriteLine(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (writer)
            {
                if (e.Data is not null)
                    writer.WriteLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(
            new EngineProcess(engine, process, new Uri($"http://127.0.0.1:{http}"), log)
        );
    }

    private async Task WaitReadyAsync(EngineProcess engine, TimeSpan deadline)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < deadline)
        {
            if (engine.Process.HasExited)
            {
                throw new InvalidOperationException(
                    $"{engine.Name} exited with {engine.Process.ExitCode}; last lines of {engine.Log}:\n{Tail(engine.Log)}"
                );
            }
            try
            {
                using var response = await client.GetAsync(new Uri(engine.Api, "/ready"));
                if (response.IsSuccessStatusCode)
                {
                    ReadyAfter[engine.Name] = (
                        DateTime.Now - engine.Process.StartTime
                    ).TotalSeconds;
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException(
            $"{engine.Name} not ready within {deadline.TotalSeconds:0} s; last lines of {engine.Log}:\n{Tail(engine.Log)}"
        );
    }

    public static string Tail(string log) =>
        File.Exists(log) ? string.Join("\n", File.ReadLines(log).TakeLast(15)) : "(no log)";

    /// <summary>Stops one engine (a backend that is down), as a test breaking the stack on purpose does.</summary>
    public static void Stop(EngineProcess engine)
    {
        if (!engine.Process.HasExited)
        {
            engine.Process.Kill(entireProcessTree: true);
            engine.Process.WaitForExit(30_000);
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
        foreach (var directory in Directory.GetDirectories(from))
        {
            Copy(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var engine in _processes)
        {
            Stop(engine);
            engine.Process.Dispose();
        }
        await Task.Delay(100);
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException) { }
    }
}
