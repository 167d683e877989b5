using System.Globalization;
using Build.Docker;
using Build.Host;
using Build.Lifecycle;

namespace Build.Tasks.Lifecycle;

[TaskName(nameof(Ps))]
[TaskDescription(
    "Shows each service of the stack: state, health, uptime and published ports (from the Docker engine)."
)]
[TaskArgumentsFrom(typeof(StackSession))]
public sealed class Ps : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var session = context.Stack;
        var compose = await session.OpenAsync();
        var containers = await session.Docker.ProjectContainersAsync(
            session.Project,
            session.Cancellation
        );
        var table = new TextTable("SERVICE", "STATE", "HEALTH", "UPTIME", "PORTS");
        var names = compose
            .Services.Select(s => s.Name)
            .Concat(containers.Select(c => c.Service))
            .Distinct();
        foreach (var name in names)
        {
            var mine = containers.Where(c => c.Service == name).ToList();
            if (mine.Count == 0)
            {
                table.Add(name, "not created", "-", "-", "-");
            }
            foreach (var c in mine)
            {
                var state = c.Status == "exited" ? $"exited ({c.ExitCode})" : c.Status;
                if (c.RestartCount > 0)
                {
                    state += $", {c.RestartCount} restart(s)";
                }
                table.Add(
                    name,
                    state,
                    c.Health ?? "-",
                    c.IsRunning ? Uptime(c.StartedAt) : "-",
                    c.Ports.Count == 0 ? "-" : string.Join(", ", c.Ports)
                );
            }
        }
        session.Info(
            $"Ps: project {session.Project}, {containers.Count(c => c.IsRunning)} of {containers.Count} container(s) running"
        );
        foreach (var line in table.Lines())
        {
            session.Info(line);
        }
    }

    public static string Uptime(DateTimeOffset? startedAt)
    {
        if (startedAt is null)
        {
            return "-";
        }
        var span = DateTimeOffset.UtcNow - startedAt.Value;
        return span.TotalHours >= 1 ? $"{(int)span.TotalHours}h{span.Minutes:00}m"
            : span.TotalMinutes >= 1 ? $"{span.Minutes}m{span.Seconds:00}s"
            : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, span.TotalSeconds):0}s");
    }
}
