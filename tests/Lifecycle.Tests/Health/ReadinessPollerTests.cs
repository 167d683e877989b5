using System.Diagnostics;
using Build.Health;
using Lifecycle.Tests.Support;

namespace Lifecycle.Tests.Health;

/// <summary>The Polly readiness pipeline against real local endpoints (no Docker needed).</summary>
public sealed class ReadinessPollerTests
{
    private static readonly ReadinessOptions Fast = new()
    {
        Deadline = TimeSpan.FromSeconds(10),
        AttemptTimeout = TimeSpan.FromMilliseconds(300),
        FirstDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromMilliseconds(100),
    };

    private HttpClient _client = null!;

    [SetUp]
    public void SetUp() => _client = ReadinessPoller.CreateClient();

    [TearDown]
    public void TearDown() => _client.Dispose();

    [Test]
    public async Task Answers_503_then_200_is_ready_only_after_the_200()
    {
        await using var endpoint = new ScriptedEndpoint(n => n < 3 ? 503 : 200);

        var result = await Wait(endpoint, Fast);

        Assert.That(result.Outcome, Is.EqualTo(ReadinessOutcome.Ready), result.Detail);
        Assert.That(result.Attempts, Is.EqualTo(4));
        Assert.That(
            endpoint.Answers.Select(a => a.Status),
            Is.EqualTo(new[] { 503, 503, 503, 200 })
        );
    }

    [Test]
    public async Task A_flapping_endpoint_is_ready_at_its_first_200_never_before()
    {
        await using var endpoint = new ScriptedEndpoint(n =>
            n is 2 or 5 ? 200
            : n % 2 == 0 ? 500
            : 404
        );

        var result = await Wait(endpoint, Fast);

        Assert.That(result.Outcome, Is.EqualTo(ReadinessOutcome.Ready));
        Assert.That(endpoint.Answers.Select(a => a.Status), Is.EqualTo(new[] { 500, 404, 200 }));
    }

    [Test]
    public async Task A_hanging_endpoint_times_out_per_attempt_and_then_at_the_deadline()
    {
        await using var endpoint = new ScriptedEndpoint(_ => ScriptedEndpoint.Hang);
        var options = Fast with { Deadline = TimeSpan.FromSeconds(1.5) };
        var clock = Stopwatch.StartNew();

        var result = await Wait(endpoint, options);

        Assert.That(result.Outcome, Is.EqualTo(ReadinessOutcome.TimedOut));
        Assert.That(
            result.Attempts,
            Is.GreaterThanOrEqualTo(3),
            "each attempt gives up after 300 ms and is retried"
        );
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)));
        Assert.That(
            result.Detail,
            Does.Contain("not ready after 1.5 s (last: no answer within 0.3 s)")
        );
    }

    [Test]
    public async Task A_refused_connection_is_retried_until_the_deadline()
    {
        var port = TestStack.FreePort();
        var options = Fast with { Deadline = TimeSpan.FromSeconds(1) };
        var poller = new ReadinessPoller(options);

        var result = await poller.WaitAsync(
            "svc",
            ReadinessPoller.Http(_client, new Uri($"http://127.0.0.1:{port}/ready")),
            null,
            default
        );

        Assert.That(result.Outcome, Is.EqualTo(ReadinessOutcome.TimedOut));
        Assert.That(result.Attempts, Is.GreaterThan(5));
        Assert.That(result.Detail, Does.Contain("connection refused"));
    }

    [Test]
    public async Task A_service_that_never_answers_200_is_never_ready()
    {
        await using var endpoint = new ScriptedEndpoint(_ => 503);

        var result = await Wait(endpoint, Fast with { Deadline = TimeSpan.FromSeconds(1) });

        Assert.That(result.Outcome, Is.EqualTo(ReadinessOutcome.TimedOut));
        Assert.That(result.Detail, Does.Contain("HTTP 503"));
        Assert.That(endpoint.Answers.Select(a => a.Status).Distinct(), Is.EqualTo(new[] { 503 }));
    }

    [Test]
    public async Task Cancellation_stops_promptly_even_with_a_long_deadline()
    {
        await using var endpoint = new ScriptedEndpoint(_ => ScriptedEndpoint.Hang);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var poller = new ReadinessPoller(
            Fast with
            {
                Deadline = TimeSpan.FromMinutes(5),
                AttemptTimeout = TimeSpan.FromMinutes(1),
            }
        );
        var clock = Stopwatch.StartNew();

        var result = await poller.WaitAsync(
            "svc",
            ReadinessPoller.Http(_client, endpoint.Url),
            null,
            cancel.Token
        );

        Assert.That(result.Outcome, Is.EqualTo(ReadinessOutcome.Cancelled));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public async Task Services_are_polled_concurrently()
    {
        await using var slow = new ScriptedEndpoint(n => n < 6 ? 503 : 200);
        await using var hanging = new ScriptedEndpoint(_ => ScriptedEndpoint.Hang);
        var waiter = new HealthWaiter(
            new ReadinessPoller(Fast with { Deadline = TimeSpan.FromSeconds(1.5) }),
            null,
            _client
        );
        var clock = Stopwatch.StartNew();

        var results = await waiter.WaitAllAsync(
            [new("slow", slow.Url), new("hanging", hanging.Url)],
            null,
            default
        );

        Assert.That(
            results.Select(r => r.Result!.Outcome),
            Is.EqualTo(new[] { ReadinessOutcome.Ready, ReadinessOutcome.TimedOut })
        );
        Assert.That(results[0].State, Does.StartWith("ready in "));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2.5)), "the two waits overlap");
    }

    private Task<ServiceReadiness> Wait(ScriptedEndpoint endpoint, ReadinessOptions options) =>
        new ReadinessPoller(options).WaitAsync(
            "svc",
            ReadinessPoller.Http(_client, endpoint.Url),
            null,
            default
        );
}
