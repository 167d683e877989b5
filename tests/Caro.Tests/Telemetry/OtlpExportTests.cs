using System.Diagnostics;
using System.Text;
using Caro.Tests.Support;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Caro.Tests.Telemetry;

/// <summary>What goes over the wire: OTLP/HTTP protobuf with the tenant header; and nothing blocks when the collector is away.</summary>
public sealed class OtlpExportTests
{
    private static Dictionary<string, string?> Telemetry(
        string endpoint,
        string tenant = "caro-backend-staging"
    ) =>
        new()
        {
            ["OTEL_SDK_DISABLED"] = "false",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
            ["TENANT_ID"] = tenant,
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
            ["CARO_OBSERVATORY_ENABLED"] = "true",
        };

    private static void Flush(CaroHost host)
    {
        host.Service<TracerProvider>().ForceFlush(5000);
        host.Service<MeterProvider>().ForceFlush(5000);
        host.Service<LoggerProvider>().ForceFlush(5000);
    }

    [Test]
    public async Task AllThreeSignalsReachTheCollectorWithTheTenantHeader()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var host = await CaroHost.StartAsync(
            Telemetry(receiver.BaseAddress.ToString().TrimEnd('/'), tenant: "tenant-under-test")
        );
        await host.Api.PostApiAsync(
            "/api/observatory/logs/emit",
            new { message = "over the wire" }
        );
        await host.Api.GetApiAsync("/api/gamification/stats/1");
        Flush(host);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        string[] paths = ["/v1/traces", "/v1/metrics", "/v1/logs"];
        while (
            !paths.All(p => receiver.Requests.Any(r => r.Path == p)) && DateTime.UtcNow < deadline
        )
        {
            await Task.Delay(50);
        }
        foreach (var path in paths)
        {
            var requests = receiver.Requests.Where(r => r.Path == path).ToList();
            Assert.That(
                requests,
                Is.Not.Empty,
                $"no POST {path}; got {string.Join(", ", receiver.Requests.Select(r => r.Path).Distinct())}"
            );
            Assert.That(
                requests.Select(r => r.TenantId),
                Is.All.EqualTo("tenant-under-test"),
                path
            );
            Assert.That(
                requests.Select(r => r.ContentType),
                Is.All.EqualTo("application/x-protobuf"),
                path
            );
            Assert.That(
                Encoding.UTF8.GetString(requests[0].Body),
                Does.Contain("caro-demo"),
                $"{path} carries the resource"
            );
        }
        Assert.That(
            receiver
                .Requests.Where(r => r.Path == "/v1/logs")
                .Any(r => Encoding.UTF8.GetString(r.Body).Contains("over the wire")),
            Is.True
        );
    }

    [Test]
    public async Task AClosedCollectorPortNeitherBlocksNorFailsRequests()
    {
        await using var host = await CaroHost.StartAsync(
            Telemetry($"http://127.0.0.1:{Ports.Closed()}")
        );
        await AssertRequestsStayFastAsync(host);
    }

    [Test]
    public async Task AHangingCollectorNeitherBlocksNorFailsRequests()
    {
        // Accepts connections and never answers: every export waits for its timeout, off the request path.
        using var collector = new HangingCollector();
        var settings = Telemetry(collector.Endpoint);
        settings["OTEL_EXPORTER_OTLP_TIMEOUT"] = "5000"; // an export stuck on the request path would show as a 5 s request
        await using var host = await CaroHost.StartAsync(settings);
        await AssertRequestsStayFastAsync(host);
    }

    private static async Task AssertRequestsStayFastAsync(CaroHost host)
    {
        var (member, deck, card) = await host.Api.SeedCardAsync();
        var slowest = TimeSpan.Zero;
        var total = Stopwatch.StartNew();
        // Long enough (> 2 metric intervals, plenty of spans and logs) for exports to be attempted meanwhile.
        for (var i = 0; i < 60; i++)
        {
            var watch = Stopwatch.StartNew();
            var response =
                i % 3 == 0
                    ? await host.Api.PostApiAsync(
                        "/api/review",
                        new
                        {
                            memberId = member,
                            deckId = deck,
                            cardId = card,
                            quality = 4,
                            reviewTimeMs = 100,
                        }
                    )
                    : await host.Api.GetApiAsync($"/api/review/today?memberId={member}");
            slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;
            Assert.That((int)response.Status, Is.InRange(200, 299), response.Raw);
            await Task.Delay(10);
        }
        Assert.That(slowest, Is.LessThan(TimeSpan.FromSeconds(2.5)), "the slowest request");
        Assert.That(total.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
    }
}
