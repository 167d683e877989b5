using Build.Docker;
using Build.Host;
using Build.Lifecycle;

namespace Build.Tasks.Lifecycle;

[TaskName(nameof(Reset))]
[TaskDescription(
    "Deletes the stack's data (stack/data) after confirmation (--yes for scripts); refuses while any container, of any project, running or stopped, mounts it."
)]
[TaskArgumentsFrom(typeof(StackSession))]
[TaskArgument(LifecycleArguments.Yes, "Delete the data without asking.", Kind = ArgumentKind.Flag)]
public sealed class Reset : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var session = context.Stack;
        await session.Docker.EnsureEngineAsync(session.Cancellation);
        // The data folder is shared by every project started from this stack folder (--project-name only names the
        // containers), and anything else may bind-mount it: ask the engine who mounts it, whatever the project. A
        // stopped container counts too: `docker start`, `compose start` or its restart policy would bring it back on
        // a data folder that is gone.
        var users = await session.Docker.ContainersMountingAsync(
            session.DataDirectory,
            session.Cancellation
        );
        if (users.Count > 0)
        {
            throw new BuildException(Refusal(session.DataDirectory, users));
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

    /// <summary>One line: which containers mount the data, and the command that removes each group.</summary>
    public static string Refusal(string dataDirectory, IReadOnlyList<ContainerState> users)
    {
        var names = users.Select(c =>
            c.Project.Length > 0
                ? $"{c.Name} (project {c.Project}, {c.Status})"
                : $"{c.Name} ({c.Status})"
        );
        var fixes = users
            .Where(c => c.Project.Length > 0)
            .Select(c => $"./build.sh --target=Down --project-name={c.Project}")
            .Distinct()
            .Concat(users.Where(c => c.Project.Length == 0).Select(c => $"docker rm -f {c.Name}"));
        return $"Reset refused: {users.Count} container(s) mount {dataDirectory}: {string.Join(", ", names)}; remove them first: {string.Join("; ", fixes)}. Nothing was deleted.";
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
