using Build.Host;

namespace Build.Tasks.Lifecycle;

[TaskName(nameof(WaitHealthy))]
[TaskDescription(
    "Polls every service's readiness endpoint from the host (Polly: deadline --timeout, backoff with jitter); fails fast on an exited, restarting or unhealthy container."
)]
public sealed class WaitHealthy : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var session = StackSession.For(context);
        await session.Docker.EnsureEngineAsync(session.Cancellation);
        var compose = session.LoadComposeWithoutSecrets();
        await StackHealth.WaitAsync(session, session.SelectServices(compose));
    }
}
