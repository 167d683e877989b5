using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace CaroLoad;

/// <summary>Result of one endpoint run: requests per second, latency percentiles, failures.</summary>
public sealed record LoadResult(
    double RequestsPerSecond,
    double P50Ms,
    double P99Ms,
    long Requests,
    long Failures,
    double CpuMsPerRequest,
    double? AllocatedBytesPerRequest,
    GcProbe? Gc = null
);

/// <summary>
/// Closed-loop load: N connections, each sending its next request as soon as the previous one
/// answered, for a fixed time after a warm-up. Latency is measured per request on the client.
/// </summary>
public sealed class LoadRunner(
    HttpClient client,
    Func<TimeSpan> serverCpu,
    Func<GcProbe?> serverGc,
    Func<TimeSpan> compilerCpu
)
{
    public const long WarmupRequests = 1500;

    public sealed record Seed(long MemberId, long DeckId, IReadOnlyList<long> CardIds);

    public static HttpClient CreateClient(Uri baseAddress, int connections) =>
        new(
            new SocketsHttpHandler
            {
                MaxConnectionsPerServer = connections,
                PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            }
        )
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>A member with one deck of <paramref name="cards"/> cards, all initialised (so all are due today).</summary>
    public async Task<Seed> SeedAsync(int cards)
    {
        var member = await IdAsync(
            await client.PostAsJsonAsync(
                "/api/members",
                new { email = $"bench-{Guid.NewGuid():N}@caro.test", nickname = "bench" }
            )
        );
        var deck = await IdAsync(
            await client.PostAsJsonAsync(
                "/api/workbook/decks",
                new { memberId = member, name = "Bench deck" }
            )
        );
        var ids = new List<long>();
        for (var i = 0; i < cards; i++)
        {
            var card = await IdAsync(
                await client.PostAsJsonAsync(
                    "/api/workbook/cards",
                    new
                    {
                        memberId = member,
                        deckId = deck,
                        front = $"Q{i}",
                        back = $"A{i}",
                    }
                )
            );
            (
                await client.PostAsJsonAsync(
                    "/api/review/initialize",
                    new { memberId = member, cardId = card }
                )
            ).EnsureSuccessStatusCode();
            ids.Add(card);
        }
        return new Seed(member, deck, ids);
    }

    public Task<LoadResult> RunAsync(
        Func<HttpRequestMessage> request,
        int connections,
        TimeSpan warmup,
        TimeSpan duration
    ) => RunAsync(_ => request(), connections, warmup, duration);

    public async Task<LoadResult> RunAsync(
        Func<int, HttpRequestMessage> request,
        int connections,
        TimeSpan warmup,
        TimeSpan duration
    )
    {
        // Warm-up: at least the given time and WarmupRequests requests (a busy machine serves fewer), then on in
        // 1 s steps until the runtime's tiered compiler has settled (at most 20 ms of its CPU in a step, 90 s in
        // all): on a busy machine tier-up lags far behind the call counts, and a mode with more code to
        // compile (telemetry on) would otherwise pay for its JIT inside the measured window.
        long warmed = 0;
        var compiled = compilerCpu();
        var step = warmup;
        var started = Stopwatch.StartNew();
        while (warmup > TimeSpan.Zero)
        {
            await LoopAsync(
                request,
                connections,
                step,
                (_, _, _) => Interlocked.Increment(ref warmed)
            );
            var now = compilerCpu();
            var settled = now - compiled <= TimeSpan.FromMilliseconds(20);
            compiled = now;
            if (
                (settled && Interlocked.Read(ref warmed) >= WarmupRequests)
                || started.Elapsed > TimeSpan.FromSeconds(90)
            )
            {
                break;
            }
            step = TimeSpan.FromSeconds(1);
        }
        var latencies = new List<long>[connections];
        var failures = new long[connections];
        for (var i = 0; i < connections; i++)
        {
            latencies[i] = new List<long>(100_000);
        }
        var cpuBefore = serverCpu();
        var gcBefore = serverGc();
        var watch = Stopwatch.StartNew();
        await LoopAsync(
            request,
            connections,
            duration,
            (worker, ticks, ok) =>
            {
                latencies[worker].Add(ticks);
                failures[worker] += ok ? 0 : 1;
            }
        );
        var elapsed = watch.Elapsed.TotalSeconds;
        var cpuMs = (serverCpu() - cpuBefore).TotalMilliseconds;
        var gc = serverGc() is { } after && gcBefore is not null ? after - gcBefore : null;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Percentile(double p) =>
            all.Length == 0
                ? 0
                : all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)]
                    * 1000.0
                    / Stopwatch.Frequency;
        return new LoadResult(
            all.Length / elapsed,
            Percentile(0.50),
            Percentile(0.99),
            all.Length,
            failures.Sum(),
            all.Length == 0 ? 0 : cpuMs / all.Length,
            all.Length == 0 || gc is null ? null : (double)gc.Allocated / all.Length,
            gc
        );
    }

    private async Task LoopAsync(
        Func<int, HttpRequestMessage> request,
        int connections,
        TimeSpan duration,
        Action<int, long, bool>? record
    )
    {
        if (duration <= TimeSpan.Zero)
        {
            return;
        }
        var deadline =
            Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable
            .Range(0, connections)
            .Select(worker =>
                Task.Run(async () =>
                {
                    while (Stopwatch.GetTimestamp() < deadline)
                    {
                        using var message = request(worker);
                        var started = Stopwatch.GetTimestamp();
                        bool ok;
                        try
                        {
                            using var response = await client.SendAsync(message);
                            await response.Content.ReadAsByteArrayAsync();
                            ok = response.IsSuccessStatusCode;
                        }
                        catch (HttpRequestException)
                        {
                            ok = false;
                        }
                        record?.Invoke(worker, Stopwatch.GetTimestamp() - started, ok);
                    }
                })
            );
        await Task.WhenAll(workers);
    }

    private static async Task<long> IdAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"seeding failed: {(int)response.StatusCode} {body}"
            );
        }
        return JsonDocument
            .Parse(body)
            .RootElement.GetProperty("data")
            .GetProperty("id")
            .GetInt64();
    }
}
