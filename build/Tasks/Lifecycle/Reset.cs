using Build.Host;

namespace Build.Tasks.Lifecycle;

[TaskName(nameof(Reset))]
[TaskDescription(
    "Deletes the stack's data (stack/data) after confirmation (--yes for scripts); refuses while the stack runs."
)]
public sealed class Reset : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var session = StackSession.For(context);
        await session.Docker.EnsureEngineAsync(session.Cancellation);
        var running = (
            await session.Docker.ProjectContainersAsync(session.Project, session.Cancellation)
        )
            .Where(c => c.IsRunning)
            .ToList();
        if (running.Count > 0)
        {
            throw new BuildException(
                $"Reset refused: {running.Count} container(s) of project {session.Project} still run ({string.Join(", ", running.Select(c => c.Service).Distinct())}); run --target=Down first."
            );
        }
        if (!Directory.Exists(session.DataDirectory))
        {
            session.Info($"Reset: nothing to delete ({session.DataDirectory} does not exist).");
            return;
        }
        if (!context.Args.Flag(LifecycleArguments.Yes) && !Confirm(session))
        {
            throw new BuildException(
                $"Reset cancelled: {session.DataDirectory} was not deleted (pass --yes to skip the question)."
            );
        }
        Directory.Delete(session.DataDirectory, recursive: true);
        session.Info($"Reset: deleted {session.DataDirectory}.");
    }

    private static bool Confirm(StackSession session)
    {
        if (Console.IsInputRedirected || session.Context.IsCI)
        {
            throw new BuildException(
                $"Reset deletes {session.DataDirectory} and needs confirmation: pass --yes (nothing was deleted)."
            );
        }
        session.Context.Console.Write(
            "{0}",
            $"Delete every file under {session.DataDirectory}? Type 'yes' to confirm: "
        );
        return string.Equals(Console.ReadLine()?.Trim(), "yes", StringComparison.OrdinalIgnoreCase);
    }
}
