using Build.Host;
using Build.Lifecycle;

namespace Build.Tasks.Lifecycle;

[TaskName(nameof(WaitHealthy))]
[TaskDescription(
    "Polls every service's readiness endpoint from the host (Polly: deadline --timeout, backoff with jitter); fails fast on an exited, restarting or unhealthy container."
)]
[TaskArgumentsFrom(typeof(StackSession))]
[TaskArgumentsFrom(typeof(StackHealth))]
[TaskArgumentsFrom(typeof(ServiceSelection))]
public sealed class WaitHealthy : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var session = context.Stack;
        var compose = await session.OpenAsync();
        // A failing service's last log lines are printed: masked with the secrets the containers hold.
        await session.UseRunningSecretsAsync();
        await StackHealth.WaitAsync(
            session,
            session.SelectServices(compose, ServiceSelection.Of(context))
        );
    }
}
