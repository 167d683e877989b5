using Build.Host;
using Build.Lifecycle;

namespace Build.Tasks.Lifecycle;

[TaskName(nameof(Down))]
[TaskDescription(
    "Stops and removes the stack's containers and networks (found by the compose project label); keeps stack/data."
)]
[TaskArgumentsFrom(typeof(StackSession))]
public sealed class Down : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var session = context.Stack;
        await session.Docker.EnsureEngineAsync(session.Cancellation);
        var (containers, networks) = await session.Docker.RemoveProjectAsync(
            session.Project,
            session.Cancellation
        );
        session.Info(
            containers + networks == 0
                ? $"Down: nothing to remove for project {session.Project}."
                : $"Down: removed {containers} container(s) and {networks} network(s) of project {session.Project}; data kept in {session.DataDirectory}."
        );
    }
}
