using System.Diagnostics;
using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Build.Health;

/// <summary>Tuning of the readiness pipeline.</summary>
public sealed record ReadinessOptions
{
    /// <summary>Overall deadline per service (<c>--timeout</c>).</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(180);

    /// <summary>Per-attempt timeout (a hanging endpoint counts as not ready, then is retried).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Median first delay of the exponential backoff (with jitter).</summary>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Cap of the backoff: also the worst-case lag between "ready" and noticing it.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMilliseconds(300);
}

/// <summary>Result of one readiness attempt.</summary>
public readonly record struct ProbeResult(bool Ready, string Detail);

/// <summary>How a service's wait ended.</summary>
public enum ReadinessOutcome
{
    Ready,
    TimedOut,
    Failed,
    Cancelled,
}

public sealed record ServiceReadiness(
    string Service,
    ReadinessOutcome Outcome,
    TimeSpan Elapsed,
    string Detail,
    int Attempts
);

/// <summary>
/// Polls one readiness probe with a Polly v8 pipeline, outermost first: overall deadline → retry (connection
/// errors, attempt timeouts, not-ready results; capped exponential backoff with jitter, no attempt limit) →
/// per-attempt timeout. A service is ready only when an attempt says so (HTTP 200).
/// </summary>
public sealed class ReadinessPoller(ReadinessOptions options)
{
    public ReadinessOptions Options => options;

    /// <summary>A probe of an HTTP endpoint: ready on 200 only. The client must have an infinite timeout.</summary>
    public static Func<CancellationToken, ValueTask<ProbeResult>> Http(
        HttpClient client,
        Uri url
    ) =>
        async token =>
        {
            using var response = await client.GetAsync(
                url,
                HttpCompletionOption.ResponseHeadersRead,
                token
            );
            return new ProbeResult(
                response.StatusCode == HttpStatusCode.OK,
                $"HTTP {(int)response.StatusCode}"
            );
        };

    /// <summary>An HttpClient fit for polling: no own timeout (Polly's apply), no connection reuse across restarts.</summary>
    public static HttpClient CreateClient() =>
        new(
            new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromSeconds(1),
                ConnectTimeout = Timeout.InfiniteTimeSpan,
            }
        )
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };

    public async Task<ServiceReadiness> WaitAsync(
        string service,
        Func<CancellationToken, ValueTask<ProbeResult>> probe,
        Action<string>? onAttempt,
        CancellationToken cancellation
    )
    {
        var stopwatch = Stopwatch.StartNew();
        var attempts = 0;
        var last = "no answer yet";
        var pipeline = new ResiliencePipelineBuilder<ProbeResult> { Name = $"readiness-{service}" }
            .AddTimeout(new TimeoutStrategyOptions { Timeout = options.Deadline })
            .AddRetry(
                new RetryStrategyOptions<ProbeResult>
                {
                    ShouldHandle = new PredicateBuilder<ProbeResult>()
                        .Handle<HttpRequestException>()
                        .Handle<TimeoutRejectedException>()
                        .HandleResult(r => !r.Ready),
                    MaxRetryAttempts = int.MaxValue,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.FirstDelay,
                    MaxDelay = options.MaxDelay,
                    OnRetry = args =>
                    {
                        last = args.Outcome.Exception switch
                        {
                            null => args.Outcome.Result.Detail,
                            TimeoutRejectedException =>
                                $"no answer within {options.AttemptTimeout.TotalSeconds:0.#} s",
                            HttpRequestException e => e.HttpRequestError
                            == HttpRequestError.ConnectionError
                                ? "connection refused"
                                : e.Message,
                            var e => e.Message,
                        };
                        onAttempt?.Invoke(last);
                        return default;
                    },
                }
            )
            .AddTimeout(options.AttemptTimeout)
            .Build();

        try
        {
            var result = await pipeline.ExecuteAsync(
                async token =>
                {
                    Interlocked.Increment(ref attempts);
                    return await probe(token);
                },
                cancellation
            );
            return result.Ready
                ? new ServiceReadiness(
                    service,
                    ReadinessOutcome.Ready,
                    stopwatch.Elapsed,
                    result.Detail,
                    attempts
                )
                : new ServiceReadiness(
                    service,
                    ReadinessOutcome.Failed,
                    stopwatch.Elapsed,
                    result.Detail,
                    attempts
                );
        }
        catch (TimeoutRejectedException) when (!cancellation.IsCancellationRequested)
        {
            return new ServiceReadiness(
                service,
                ReadinessOutcome.TimedOut,
                stopwatch.Elapsed,
                $"not ready after {options.Deadline.TotalSeconds:0.#} s (last: {last})",
                attempts
            );
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return new ServiceReadiness(
                service,
                ReadinessOutcome.Cancelled,
                stopwatch.Elapsed,
                $"cancelled (last: {last})",
                attempts
            );
        }
        catch (Exception e)
            when (e
                    is HttpRequestException
                        or TimeoutRejectedException
                        or OperationCanceledException
            )
        {
            return new ServiceReadiness(
                service,
                ReadinessOutcome.Failed,
                stopwatch.Elapsed,
                e.Message,
                attempts
            );
        }
    }
}
