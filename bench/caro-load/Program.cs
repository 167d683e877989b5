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
var modes = new (string Name, Dictionary<string, string> Environment)[]
{
    ("off", new() { ["OTEL_SDK_DISABLED"] = "true" }),
    (
        "on",
        new()
        {
            ["OTEL_SDK_DISABLED"] = "false",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = sink.Endpoint.ToString().TrimEnd('/'),
            ["TENANT_ID"] = "caro-backend-staging",
        }
    ),
};
var results = modes.ToDictionary(
    m => m.Name,
    _ => new List<(LoadResult Today, LoadResult Review, TimeSpan Ready)>()
);
for (var round = 1; round <= options.Rounds; round++)
{
    foreach (var (name, environment) in modes)
    {
        await using var caro = await CaroInstance.StartAsync(options.Caro, environment);
        using var client = LoadRunner.CreateClient(caro.BaseAddress, options.Connections);
        var runner = new LoadRunner(client, () => caro.CpuTime);
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
            $"  round {round}, telemetry {name, -3}: ready {caro.TimeToReady.TotalMilliseconds, 5:F0} ms | today {Describe(today)} | review {Describe(review)}"
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
        list.Average(r => r.CpuMsPerRequest)
    );
}

var off = (
    Today: Mean(results["off"].Select(r => r.Today)),
    Review: Mean(results["off"].Select(r => r.Review))
);
var on = (
    Today: Mean(results["on"].Select(r => r.Today)),
    Review: Mean(results["on"].Select(r => r.Review))
);
double MedianReady(string mode) =>
    results[mode].Select(r => r.Ready.TotalMilliseconds).Order().ElementAt(results[mode].Count / 2);
var todayRatio = on.Today.RequestsPerSecond / off.Today.RequestsPerSecond;
var reviewRatio = on.Review.RequestsPerSecond / off.Review.RequestsPerSecond;

// Capacity from Caro's own CPU per request: what throughput would be on a CPU-bound, otherwise idle
// machine; unlike req/s it hardly moves when other processes compete for the cores.
var todayCpuRatio = off.Today.CpuMsPerRequest / on.Today.CpuMsPerRequest;
var reviewCpuRatio = off.Review.CpuMsPerRequest / on.Review.CpuMsPerRequest;

Console.WriteLine();
Console.WriteLine(
    $"{"", -28} {"telemetry off", -36} {"telemetry on", -36} {"on/off", 7} {"on/off by CPU", 14}"
);
Console.WriteLine(
    $"{"GET /api/review/today", -28} {Row(off.Today), -36} {Row(on.Today), -36} {todayRatio, 7:P1} {todayCpuRatio, 14:P1}"
);
Console.WriteLine(
    $"{"POST /api/review", -28} {Row(off.Review), -36} {Row(on.Review), -36} {reviewRatio, 7:P1} {reviewCpuRatio, 14:P1}"
);
Console.WriteLine(
    $"{"start to /health/ready", -28} {MedianReady("off"), -36:F0} {MedianReady("on"), -36:F0} (ms, median)"
);
Console.WriteLine(
    $"OTLP sink received {sink.Requests} export requests ({sink.Bytes / 1024} KiB) while telemetry was on."
);
var throughputMet = todayRatio >= 0.85 && reviewRatio >= 0.85;
var cpuMet = todayCpuRatio >= 0.85 && reviewCpuRatio >= 0.85;
var readyMet = MedianReady("on") <= 1000 && MedianReady("off") <= 1000;
Console.WriteLine(
    $"Targets: telemetry-on throughput >= 85 % of off: {(throughputMet ? "met" : "MISSED")} by req/s, {(cpuMet ? "met" : "MISSED")} by CPU per request; ready <= 1 s: {(readyMet ? "met" : "MISSED")}."
);
var failures = off.Today.Failures + off.Review.Failures + on.Today.Failures + on.Review.Failures;
if (failures > 0)
{
    Console.WriteLine($"Warning: {failures} request(s) failed (non-2xx or connection errors).");
}
return 0;

static string Describe(LoadResult r) =>
    $"{r.RequestsPerSecond, 7:F0} req/s p99 {r.P99Ms, 6:F1} ms {r.CpuMsPerRequest, 5:F2} CPU-ms/req";

static string Row(LoadResult r) =>
    string.Create(
        CultureInfo.InvariantCulture,
        $"{r.RequestsPerSecond:F0} req/s, p99 {r.P99Ms:F1} ms, {r.CpuMsPerRequest:F2} CPU-ms"
    );

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
