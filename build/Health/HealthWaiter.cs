namespace Build.Health;

/// <summary>The live state of one service while waiting, for the progress view.</summary>
public sealed class ServiceProgress(ReadinessTarget target)
{
    public ReadinessTarget Target { get; } = target;
    public string State { get; set; } = "waiting";
    public ServiceReadiness? Result { get; set; }
    public ContainerFailure? Failure { get; set; }
}

/// <summary>
/// Waits for every service concurrently: one Polly pipeline per service plus, when a watcher is given, a watch of
/// its container that cancels that service's pipeline as soon as the container cannot become ready.
/// </summary>
public sealed class HealthWaiter(ReadinessPoller poller, ContainerWatch? watch, HttpClient client)
{
    public async Task<IReadOnlyList<ServiceProgress>> WaitAllAsync(
        IReadOnlyList<ReadinessTarget> targets,
        Action<ServiceProgress>? onChange,
        CancellationToken cancellation
    )
    {
        var progress = targets.Select(t => new ServiceProgress(t)).ToArray();
        await Task.WhenAll(progress.Select(p => WaitOneAsync(p, onChange, cancellation)));
        return progress;
    }

    private async Task WaitOneAsync(
        ServiceProgress progress,
        Action<ServiceProgress>? onChange,
        CancellationToken cancellation
    )
    {
        var service = progress.Target.Service;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var probe = progress.Target.Url is { } url
            ? ReadinessPoller.Http(client, url)
            : watch?.StateProbe(service)
                ?? throw new InvalidOperationException(
                    $"{service} has neither an endpoint nor a watcher."
                );
        var polling = poller.WaitAsync(
            service,
            probe,
            detail =>
            {
                progress.State = detail;
                onChange?.Invoke(progress);
            },
            stop.Token
        );
        var watching = watch is null
            ? Task.Delay(Timeout.Infinite, stop.Token)
            : watch.WatchAsync(service, stop.Token);
        var first = await Task.WhenAny(polling, watching);
        if (
            first == watching
            && watching.IsCompletedSuccessfully
            && watching is Task<ContainerFailure> failed
        )
        {
            await stop.CancelAsync();
            var polled = await polling;
            // The endpoint may have answered 200 in the same instant: ready wins only if it really was.
            if (polled.Outcome != ReadinessOutcome.Ready)
            {
                progress.Failure = failed.Result;
                progress.Result = polled with
                {
                    Outcome = ReadinessOutcome.Failed,
                    Detail = failed.Result.Reason,
                };
            }
            else
            {
                progress.Result = polled;
            }
        }
        else
        {
            progress.Result = await polling;
            await stop.CancelAsync();
            try
            {
                await watching;
            }
            catch (OperationCanceledException)
            {
                // Expected: the watch stops with the pipeline.
            }
            catch (Build.Host.BuildException)
            {
                // The engine stopped answering after the service was judged: the judgement stands.
            }
        }
        progress.State = progress.Result.Outcome switch
        {
            ReadinessOutcome.Ready => $"ready in {progress.Result.Elapsed.TotalSeconds:0.0} s",
            ReadinessOutcome.TimedOut => "timed out",
            ReadinessOutcome.Cancelled => "cancelled",
            _ => "failed",
        };
        onChange?.Invoke(progress);
    }
}
