using System.Diagnostics;
using System.Net;
using Caro.Tests.Support;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Caro.Tests.Telemetry;

/// <summary>Spans, metrics and logs Caro produces, read back through in-memory exporters.</summary>
public sealed class InMemoryTelemetryTests
{
    private readonly TelemetryCapture _capture = new();
    private CaroHost _host = null!;
    private long _member;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _host = await CaroHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["OTEL_SDK_DISABLED"] = "false",
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{Ports.Closed()}",
                ["ENVIRONMENT"] = "staging",
                ["CARO_OBSERVATORY_ENABLED"] = "true",
            },
            _capture.Hooks
        );
        _member = (
            await _host.Api.PostApiAsync(
                "/api/members",
                new { email = "otel@caro.test", nickname = "otel" }
            )
        ).Id;
        var deck = (
            await _host.Api.PostApiAsync(
                "/api/workbook/decks",
                new { memberId = _member, name = "D" }
            )
        ).Id;
        for (var i = 0; i < 3; i++)
        {
            var card = (
                await _host.Api.PostApiAsync(
                    "/api/workbook/cards",
                    new
                    {
                        memberId = _member,
                        deckId = deck,
                        front = "f",
                        back = "b",
                    }
                )
            ).Id;
            var review = await _host.Api.PostApiAsync(
                "/api/review",
                new
                {
                    memberId = _member,
                    deckId = deck,
                    cardId = card,
                    quality = 4,
                    reviewTimeMs = 1000,
                }
            );
            Assert.That(review.Status, Is.EqualTo(HttpStatusCode.OK));
        }
        var upload = await _host.Api.PostApiAsync(
            "/api/ingestion/upload",
            new
            {
                memberId = _member,
                deckId = deck,
                imageData = "x",
            }
        );
        var jobId = upload.Data.GetProperty("jobId").GetString();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (
            (await _host.Api.GetApiAsync($"/api/ingestion/status/{jobId}"))
                .Data.GetProperty("status")
                .GetString() != "COMPLETED"
            && DateTime.UtcNow < deadline
        )
        {
            await Task.Delay(20);
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test]
    public void ResourceNamesTheServiceAndEnvironment()
    {
        var resource = _host
            .Service<TracerProvider>()
            .GetResource()
            .Attributes.ToDictionary(a => a.Key, a => a.Value);
        Assert.That(resource["service.name"], Is.EqualTo("caro-demo"));
        Assert.That(resource["deployment.environment"], Is.EqualTo("staging"));
        Assert.That(resource, Does.ContainKey("service.instance.id"));
        Assert.That(resource, Does.Not.ContainKey("service.namespace"));
    }

    [Test]
    public void ReviewRequestSpanHasTheRouteAndTheListenersAsChildren()
    {
        var server = _capture
            .Spans.Where(s =>
                s.Kind == ActivityKind.Server
                && (string?)s.GetTagItem("http.route") == "/api/review"
            )
            .ToList();
        Assert.That(server, Has.Count.EqualTo(3));
        var first = server[0];
        Assert.That(first.GetTagItem("http.response.status_code"), Is.EqualTo(200));
        var listeners = _capture
            .Spans.Where(s =>
                s.TraceId == first.TraceId
                && s.DisplayName.StartsWith("[caro] ", StringComparison.Ordinal)
            )
            .Select(s => s.DisplayName);
        Assert.That(
            listeners,
            Is.EquivalentTo(
                new[]
                {
                    "[caro] AnalyticsListener",
                    "[caro] GamificationListener",
                    "[caro] GoalNotificationListener",
                }
            )
        );
    }

    [Test]
    public void IngestionWorkJoinsTheUploadTrace()
    {
        var upload = _capture.Spans.Single(s =>
            s.Kind == ActivityKind.Server
            && (string?)s.GetTagItem("http.route") == "/api/ingestion/upload"
        );
        var work = _capture.Spans.Single(s => s.DisplayName == "ingestion.process");
        Assert.That(work.TraceId, Is.EqualTo(upload.TraceId));
        Assert.That(work.ParentSpanId, Is.EqualTo(upload.SpanId));
        Assert.That(
            _capture.Spans.Any(s =>
                s.TraceId == upload.TraceId && s.DisplayName == "[caro] IngestionCompletedListener"
            ),
            Is.True
        );
    }

    [Test]
    public async Task ObservatoryTracesAreRealSpans()
    {
        var result = (
            await _host.Api.PostApiAsync(
                "/api/observatory/trace/nested",
                new { depth = 3, delayPerSpanMs = 0 }
            )
        ).Data;
        var traceId = result.GetProperty("traceId").GetString();
        var nested = _capture
            .Spans.Where(s =>
                s.TraceId.ToHexString() == traceId
                && s.DisplayName.StartsWith("nested-span-level-", StringComparison.Ordinal)
            )
            .ToList();
        Assert.That(
            nested.Select(s => s.DisplayName),
            Is.EquivalentTo(
                new[] { "nested-span-level-0", "nested-span-level-1", "nested-span-level-2" }
            )
        );
        var level2 = nested.Single(s => s.DisplayName == "nested-span-level-2");
        Assert.That(
            level2.ParentSpanId,
            Is.EqualTo(nested.Single(s => s.DisplayName == "nested-span-level-1").SpanId)
        );

        var concurrent = (
            await _host.Api.PostApiAsync(
                "/api/observatory/trace/concurrent",
                new { concurrency = 3, workDurationMs = 5 }
            )
        ).Data;
        var concurrentTrace = concurrent.GetProperty("traceId").GetString();
        var generated = _capture.Spans.Count(s =>
            s.TraceId.ToHexString() == concurrentTrace
            && (
                s.DisplayName.StartsWith("concurrent-worker-", StringComparison.Ordinal)
                || s.DisplayName.StartsWith("work-worker-", StringComparison.Ordinal)
            )
        );
        Assert.That(generated, Is.EqualTo(concurrent.GetProperty("spanCount").GetInt32()));

        var propagation = (await _host.Api.GetApiAsync("/api/observatory/trace/propagation")).Data;
        Assert.That(
            propagation.GetProperty("details").GetProperty("traceIdConsistent").GetBoolean(),
            Is.True
        );
    }

    [Test]
    public void BusinessMetricsAreRecorded()
    {
        var metrics = _capture.CollectMetrics(_host.Services).ToDictionary(m => m.Name);
        var reviews = TelemetryCapture
            .Points(metrics["caro.reviews.recorded"])
            .Where(p => (string?)p.Tags["quality"] == "4")
            .Sum(p => p.Point.GetSumLong());
        Assert.That(reviews, Is.GreaterThanOrEqualTo(3));
        Assert.That(metrics["caro.reviews.recorded"].MetricType, Is.EqualTo(MetricType.LongSum));
        Assert.That(
            TelemetryCapture.Points(metrics["caro.xp.awarded"]).Sum(p => p.Point.GetSumLong()),
            Is.GreaterThanOrEqualTo(45)
        );
        var completed = TelemetryCapture
            .Points(metrics["caro.ingestion.jobs"])
            .Where(p => (string?)p.Tags["outcome"] == "completed")
            .Sum(p => p.Point.GetSumLong());
        Assert.That(completed, Is.GreaterThanOrEqualTo(1));
        var uptime = metrics["caro.uptime"];
        Assert.That(uptime.Unit, Is.EqualTo("s"));
        Assert.That(
            TelemetryCapture.Points(uptime).Single().Point.GetGaugeLastValueDouble(),
            Is.GreaterThan(0)
        );
    }

    [Test]
    public async Task RequestDurationIsAClassicHistogramWithRoutesAndExemplars()
    {
        await _host.Management.GetApiAsync("/health/ready");
        var duration = _capture
            .CollectMetrics(_host.Services)
            .Single(m => m.Name == "http.server.request.duration");
        Assert.That(
            TelemetryCapture.Points(duration).Select(p => p.Tags.GetValueOrDefault("http.route")),
            Does.Contain("/health/ready"),
            "health probes keep their route label"
        );
        Assert.That(
            duration.MetricType,
            Is.EqualTo(MetricType.Histogram),
            "explicit buckets, not exponential"
        );
        Assert.That(duration.Unit, Is.EqualTo("s"));
        var review = TelemetryCapture
            .Points(duration)
            .First(p => (string?)p.Tags["http.route"] == "/api/review");
        Assert.That(review.Tags["http.response.status_code"], Is.EqualTo(200));
        Assert.That(review.Point.GetHistogramCount(), Is.EqualTo(3));
        var bounds = new List<double>();
        foreach (var bucket in review.Point.GetHistogramBuckets())
        {
            bounds.Add(bucket.ExplicitBound);
        }
        Assert.That(bounds, Does.Contain(0.005).And.Contain(10.0));
        Assert.That(review.Point.TryGetExemplars(out var exemplars), Is.True);
        var traced = 0;
        foreach (var exemplar in exemplars)
        {
            traced += exemplar.TraceId != default ? 1 : 0;
        }
        Assert.That(traced, Is.GreaterThan(0), "trace-based exemplars");
    }

    [Test]
    public async Task LogsCarryTraceIdsAndObservatoryAttributes()
    {
        await _host.Api.PostApiAsync(
            "/api/observatory/logs/emit",
            new { message = "otel log line", attributes = new { user = "u7" } }
        );
        var record = _capture.Logs.Single(l => l.FormattedMessage == "otel log line");
        Assert.That(record.TraceId, Is.Not.EqualTo(default(ActivityTraceId)));
        var scoped = new Dictionary<string, object?>();
        record.ForEachScope(
            (scope, _) =>
            {
                foreach (var item in scope)
                {
                    scoped[item.Key] = item.Value;
                }
            },
            (object?)null
        );
        Assert.That(scoped["observatory.user"], Is.EqualTo("u7"));
    }
}
