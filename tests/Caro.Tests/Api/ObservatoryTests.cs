using System.Net;
using Caro.Tests.Support;

namespace Caro.Tests.Api;

/// <summary>The observatory's contract: limits, defaults, result shapes.</summary>
public sealed class ObservatoryTests
{
    private CaroHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await CaroHost.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    private Task<ApiResponse> Post(string path, object body) =>
        _host.Api.PostApiAsync("/api/observatory" + path, body);

    [Test]
    public async Task LatencyWithoutJitterAddsNothing()
    {
        var result = (await Post("/fault/latency", new { delayMs = 30 })).Data;
        Assert.That(result.GetProperty("operation").GetString(), Is.EqualTo("latency-injection"));
        Assert.That(
            result.GetProperty("details").GetProperty("actualDelayMs").GetInt32(),
            Is.EqualTo(30)
        );
        Assert.That(result.GetProperty("durationMs").GetInt64(), Is.GreaterThanOrEqualTo(29));
        Assert.That(
            (await Post("/fault/latency", new { delayMs = 30001 })).Status,
            Is.EqualTo(HttpStatusCode.BadRequest)
        );
    }

    [Test]
    public async Task ErrorAnswersTheRequestedStatus()
    {
        var response = await Post(
            "/fault/error",
            new { statusCode = 503, message = "down for a bit" }
        );
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(response.ErrorCode, Is.EqualTo("SIMULATED_ERROR_503"));
        Assert.That(response.ErrorMessage, Is.EqualTo("down for a bit"));
        Assert.That(
            (await Post("/fault/error", new { statusCode = 399 })).Status,
            Is.EqualTo(HttpStatusCode.BadRequest)
        );
        Assert.That(
            (await Post("/fault/exception", new { type = "SEGFAULT" })).ErrorMessage,
            Does.Contain("type: must be one of RUNTIME")
        );
    }

    [Test]
    public async Task LogsEmitBurstAndErrorTrace()
    {
        var emit = (
            await Post(
                "/logs/emit",
                new
                {
                    level = "WARN",
                    message = "hello observatory",
                    attributes = new { user = "u1", step = "2" },
                }
            )
        ).Data;
        Assert.That(
            emit.GetProperty("details").GetProperty("attributeCount").GetInt32(),
            Is.EqualTo(2)
        );
        Assert.That(_host.Logs.Count("hello observatory"), Is.EqualTo(1));

        var burst = (await Post("/logs/burst", new { count = 7, intervalMs = 0 })).Data;
        Assert.That(burst.GetProperty("details").GetProperty("count").GetInt32(), Is.EqualTo(7));
        Assert.That(_host.Logs.Count("[Log] Burst message "), Is.EqualTo(7));
        Assert.That(
            (await Post("/logs/burst", new { count = 1001 })).Status,
            Is.EqualTo(HttpStatusCode.BadRequest)
        );

        var trace = (
            await Post("/logs/error-trace", new { message = "disk on fire", nestingDepth = 4 })
        ).Data;
        Assert.That(
            trace.GetProperty("details").GetProperty("rootCauseMessage").GetString(),
            Is.EqualTo("Root cause: disk on fire")
        );
        Assert.That(
            (await Post("/logs/error-trace", new { nestingDepth = 11 })).Status,
            Is.EqualTo(HttpStatusCode.BadRequest)
        );
    }

    [Test]
    public async Task CustomMetricsAreRegisteredUnderThePrefix()
    {
        Assert.That(
            (
                await Post(
                    "/metrics/counter",
                    new
                    {
                        name = "orders",
                        tags = new { shop = "a" },
                        increment = 2.5,
                    }
                )
            ).Status,
            Is.EqualTo(HttpStatusCode.OK)
        );
        Assert.That(
            (await Post("/metrics/gauge", new { name = "queue.depth", value = 12 })).Status,
            Is.EqualTo(HttpStatusCode.OK)
        );
        Assert.That(
            (await Post("/metrics/histogram", new { name = "payload", value = 3.5 })).Status,
            Is.EqualTo(HttpStatusCode.OK)
        );
        var registered = (await _host.Api.GetApiAsync("/api/observatory/metrics/registered"))
            .Data.EnumerateArray()
            .Select(e => e.GetString())
            .ToList();
        Assert.That(
            registered,
            Is.SupersetOf(
                new[] { "observatory.orders", "observatory.payload", "observatory.queue.depth" }
            )
        );
        Assert.That(registered, Is.Ordered);

        Assert.That(
            (await Post("/metrics/counter", new { name = "orders", increment = -1 })).ErrorMessage,
            Does.Contain("increment: must be greater than 0")
        );
        Assert.That(
            (await Post("/metrics/gauge", new { name = "orders", value = 1 })).ErrorMessage,
            Does.Contain("already registered as a counter")
        );
        Assert.That(
            (await Post("/metrics/counter", new { name = "bad name!" })).Status,
            Is.EqualTo(HttpStatusCode.BadRequest)
        );
        Assert.That(
            (await Post("/metrics/gauge", new { name = "g" })).ErrorMessage,
            Does.Contain("value: must not be null")
        );
    }

    [Test]
    public async Task TraceGeneratorsCountTheirSpans()
    {
        var nested = (await Post("/trace/nested", new { depth = 3, delayPerSpanMs = 0 })).Data;
        Assert.That(nested.GetProperty("spanCount").GetInt32(), Is.EqualTo(3));
        var concurrent = (
            await Post("/trace/concurrent", new { concurrency = 4, workDurationMs = 10 })
        ).Data;
        Assert.That(concurrent.GetProperty("spanCount").GetInt32(), Is.EqualTo(8));
        Assert.That(
            (await Post("/trace/concurrent", new { workDurationMs = -1 })).Status,
            Is.EqualTo(HttpStatusCode.BadRequest),
            "the original answered 500"
        );
        Assert.That(
            (await Post("/trace/nested", new { depth = 21 })).Status,
            Is.EqualTo(HttpStatusCode.BadRequest)
        );
    }

    [Test]
    public async Task StudySessionScenarioRunsFiveStepsAndIsRepeatable()
    {
        for (var run = 0; run < 2; run++)
        {
            var result = (
                await Post(
                    "/scenarios/study-session",
                    new
                    {
                        cardCount = 3,
                        delayBetweenReviewsMs = 0,
                        email = "scenario@caro.test",
                    }
                )
            ).Data;
            var steps = result.GetProperty("steps").EnumerateArray().ToList();
            Assert.That(
                steps.Select(s => s.GetProperty("step").GetString()),
                Is.EqualTo(
                    new[]
                    {
                        "create-member",
                        "create-deck",
                        "create-cards",
                        "initialize-reviews",
                        "record-reviews",
                    }
                )
            );
            Assert.That(steps.Select(s => s.GetProperty("success").GetBoolean()), Is.All.True);
        }
    }

    [Test]
    public async Task MixedTrafficReportsItsErrorRate()
    {
        var details = (
            await Post(
                "/scenarios/mixed-traffic",
                new
                {
                    totalRequests = 10,
                    errorPercentage = 30,
                    intervalMs = 0,
                }
            )
        ).Data.GetProperty("details");
        Assert.That(details.GetProperty("errorCount").GetInt32(), Is.EqualTo(3));
        Assert.That(details.GetProperty("successCount").GetInt32(), Is.EqualTo(7));
        Assert.That(details.GetProperty("actualErrorRate").GetDouble(), Is.EqualTo(30.0));
    }

    [Test]
    public async Task EmptyBodyMeansDefaults()
    {
        var response = await _host.Api.SendApiAsync(
            HttpMethod.Post,
            "/api/observatory/trace/nested",
            rawJson: ""
        );
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Raw);
        Assert.That(response.Data.GetProperty("spanCount").GetInt32(), Is.EqualTo(5));
    }
}
