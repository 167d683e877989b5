using Build.Host;
using Build.Lifecycle;

namespace Build.Tasks.Lifecycle;

[TaskName(nameof(Restart))]
[TaskDescription("Down, then Up (with everything Up depends on).")]
[IsDependentOn(typeof(Down))]
[IsDependentOn(typeof(Up))]
[TaskArgumentsFrom(typeof(StackSession))]
public sealed class Restart : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) =>
        context.Stack.Info($"Restart: project {context.Stack.Project} restarted.");
}
