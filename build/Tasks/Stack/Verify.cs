using Build.Host;
using Build.Lifecycle;
using Build.Verify;

namespace Build.Tasks.Stack;

[TaskName(nameof(Verify))]
[TaskDescription(
    "Proves the running stack: per tenant sends a log, a metric and a span through Alloy (or --direct to the backends), reads each back under the tenant and proves it absent under the others; ruler, Alertmanager, span metrics, self-monitoring, Grafana datasources and dashboards. --tenants=a,b, --deadline=SECONDS, --loki-url= etc."
)]
[TaskArgumentsFrom(typeof(StackSession))]
[TaskArgumentsFrom(typeof(VerifyRun))]
public sealed class Verify : AsyncFrostingTask<BuildContext>
{
    public override Task RunAsync(BuildContext context) => VerifyRun.RunAsync(context.Stack);
}
