using System.Globalization;
using System.Net.Http.Json;
using CaroLoad;

// Caro load benchmark: for GET /api/review/today and POST /api/review, requests/s and p99 with
// telemetry off and fully on (exporting to a local OTLP sink), in one run, with the on/off ratio;
// and the time from process start to /health/ready. Not a test: it prints figures and the targets.
var root = FindRoot();
Options options;
try
{
    options = Options.Parse(
        args,
        Path.Combine(root, "caro", "Caro", "bin", "Release", "net10.0", "Caro.dll")
    );
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine($"caro-load: {exception.Message}");
    return 2;
}

Console.WriteLine(
    $"Caro load benchmark: {options.Connections} connections, {options.Warmup} s warm-up + {options.Seconds} s per endpoint, {options.Rounds} round(s), Caro = {options.Caro}"
);
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}");
await using var sink = await OtlpSink.StartAsync();
var onEnvironment = new Dictionary<string, string>
{
    ["OTEL_SDK_DISABLED"] = "false",
    ["OTEL_EXPORTER_OTLP_ENDPOINT"] = sink.Endpoint.ToString().TrimEnd('/'),
    ["TENANT_ID"] = "caro-backend-staging",
};
var modes = new List<(string Name, Dictionary<string, string> Environment)>
{
    ("off", new() { ["OTEL_SDK_DISABLED"] = "true" }),
    ("on", onEnvironment),
};
foreach (var (name, extra) in options.Variants)
{
    modes.Add((name, new(onEnvironment.Concat(extra))));
}
var results = modes.ToDictionary(
    m => m.Name,
    _ => new List<(LoadResult Today, LoadResult Review, TimeSpan Ready)>()
);
for (var round = 1; round <= options.Rounds; round++)
{
    // Interleaved (off, on, variants..., then the next round): every mode meets the same machine load.
    foreach (var (name, environment) in modes)
    {
        var binary = environment.Remove("CARO", out var other) ? other : options.Caro;
        await using var caro = await CaroInstance.StartAsync(binary, environment);
        using var client = LoadRunner.CreateClient(caro.BaseAddress, options.Connections);
        var runner = new LoadRunner(client, () => caro.CpuTime, () => caro.AllocatedBytes);
        var seed = await runner.SeedAsync(options.Cards);
        var today = await runner.RunAsync(
            () =>
                new HttpRequestMessage(
                    HttpMethod.Get,
                    $"/api/review/today?memberId={seed.MemberId}"
                ),
            options.Connections,
            TimeSpan.FromSeconds(options.Warmup),
            TimeSpan.FromSeconds(options.Seconds)
        );
        var review = await runner.RunAsync(
            _ => new HttpRequestMessage(HttpMethod.Post, "/api/review")
            {
                Content = JsonContent.Create(
                    new
                    {
                        memberId = seed.MemberId,
                        deckId = seed.DeckId,
                        cardId = seed.CardIds[Random.Shared.Next(seed.CardIds.Count)],
                        quality = Random.Shared.Next(3, 6),
                        reviewTimeMs = 1200,
                    }
                ),
            },
            options.Connections,
            TimeSpan.FromSeconds(options.Warmup),
            TimeSpan.FromSeconds(options.Seconds)
        );
        results[name].Add((today, review, caro.TimeToReady));
        Console.WriteLine(
            $"  round {round}, {name, -14}: ready {caro.TimeToReady.TotalMilliseconds, 5:F0} ms | today {Describe(today)} | review {Describe(review)} | load {LoadAverage()}"
        );
    }
}

LoadResult Mean(IEnumerable<LoadResult> runs)
{
    var list = runs.ToList();
    return new LoadResult(
        list.Average(r => r.RequestsPerSecond),
        list.Average(r => r.P50Ms),
        list.Average(r => r.P99Ms),
        list.Sum(r => r.Requests),
        list.Sum(r => r.Failures),
        list.Average(r => r.CpuMsPerRequest),
        list.All(r => r.AllocatedBytesPerRequest is not null)
            ? list.Average(r => r.AllocatedBytesPerRequest!.Value)
            : null
    );
}
double MedianReady(string mode) =>
    results[mode].Select(r => r.Ready.TotalMilliseconds).Order().ElementAt(results[mode].Count / 2);

// Target (issue 13): CPU per request with telemetry on at most 1.10x off (stretch 1.05x), from Caro's
// own CPU time (/proc), which hardly moves when other processes compete for the cores; req/s does.
// The spread is the lowest..highest of the per-round ratios (round i of a mode against round i of off).
const double Target = 1.10;
const double Stretch = 1.05;
var endpoints = new (
    string Label,
    Func<(LoadResult Today, LoadResult Review, TimeSpan), LoadResult> Pick
)[]
{
    ("GET /api/review/today", r => r.Today),
    ("POST /api/review", r => r.Review),
};
Console.WriteLine();
Console.WriteLine(
    $"{"endpoint", -22} {"mode", -14} {"req/s", 7} {"p99 ms", 7} {"CPU-ms/req", 10} {"CPU vs off", 10} {"per-round spread", 18} {"alloc B/req", 11}"
);
var met = true;
var stretchMet = true;
var conclusive = true;
foreach (var (label, pick) in endpoints)
{
    var off = Mean(results["off"].Select(pick));
    foreach (var (name, _) in modes)
    {
        var mode = Mean(results[name].Select(pick));
        var ratio = mode.CpuMsPerRequest / off.CpuMsPerRequest;
        var perRound = results[name]
            .Zip(results["off"], (m, o) => pick(m).CpuMsPerRequest / pick(o).CpuMsPerRequest)
            .Order()
            .ToList();
        Console.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"{label, -22} {name, -14} {mode.RequestsPerSecond, 7:F0} {mode.P99Ms, 7:F1} {mode.CpuMsPerRequest, 10:F3} {ratio, 9:F3}x {perRound[0], 8:F3}..{perRound[^1], -8:F3} {(mode.AllocatedBytesPerRequest is { } b ? b.ToString("F0", CultureInfo.InvariantCulture) : "n/a"), 11}"
            )
        );
        if (name == "on")
        {
            met &= ratio <= Target;
            stretchMet &= ratio <= Stretch;
            // A verdict only when every round agrees with it: otherwise the spread is wider than the difference.
            conclusive &= perRound[^1] <= Target || perRound[0] > Target;
        }
    }
}
Console.WriteLine(
    $"{"start to /health/ready", -22} off {MedianReady("off"):F0} ms, on {MedianReady("on"):F0} ms (median)"
);
Console.WriteLine(
    $"OTLP sink received {sink.Requests} export requests ({sink.Bytes / 1024} KiB) while telemetry was on."
);
var readyMet = MedianReady("on") <= 1000 && MedianReady("off") <= 1000;
Console.WriteLine(
    $"Targets (load average now {LoadAverage()}): telemetry-on CPU per request <= {Target:F2}x off on both endpoints: {(!conclusive ? "INCONCLUSIVE (the rounds disagree; more rounds or a quieter machine)" : met ? "met" : "MISSED")} (stretch {Stretch:F2}x: {(stretchMet ? "met" : "missed")}); ready <= 1 s: {(readyMet ? "met" : "MISSED")}."
);
var failures = results.Values.SelectMany(r => r).Sum(r => r.Today.Failures + r.Review.Failures);
if (failures > 0)
{
    Console.WriteLine($"Warning: {failures} request(s) failed (non-2xx or connection errors).");
}
return 0;

static string Describe(LoadResult r) =>
    $"{r.RequestsPerSecond, 7:F0} req/s p99 {r.P99Ms, 6:F1} ms {r.CpuMsPerRequest, 5:F2} CPU-ms/req {r.AllocatedBytesPerRequest, 6:F0} B/req";

static string LoadAverage() =>
    File.Exists("/proc/loadavg")
        ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
        : "n/a";

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (
            File.Exists(Path.Combine(dir.FullName, "global.json"))
            && Directory.Exists(Path.Combine(dir.FullName, "caro"))
        )
        {
            return dir.FullName;
        }
    }
    return Directory.GetCurrentDirectory();
}
