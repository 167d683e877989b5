using Build.Host;

namespace Build.Tasks.Lifecycle;

[TaskName(nameof(Restart))]
[TaskDescription("Down, then Up (with everything Up depends on).")]
[IsDependentOn(typeof(Down))]
[IsDependentOn(typeof(Up))]
[TaskArgumentsFrom(typeof(StackSession))]
public sealed class Restart : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) =>
        StackSession
            .For(context)
            .Info($"Restart: project {StackSession.For(context).Project} restarted.");
}
