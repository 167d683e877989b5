using Build.Docker;

namespace Build.Health;

/// <summary>A container that cannot become ready: its state, exit code and last log lines.</summary>
public sealed record ContainerFailure(
    string Service,
    string Reason,
    ContainerState? State,
    IReadOnlyList<string> LastLogs
);

/// <summary>
/// Fast-fail side of WaitHealthy: watches a service's containers in the engine and reports, without waiting for
/// the deadline, one that exited, restarts in a loop, turned unhealthy or disappeared.
/// </summary>
public sealed class ContainerWatch(
    DockerCli docker,
    string project,
    TimeSpan interval,
    int logLines = 30
)
{
    /// <summary>Restarts at or above this count mean a restart loop.</summary>
    public const int RestartLoopCount = 2;

    /// <summary>Why <paramref name="state"/> can never become ready, or null while it still can.</summary>
    public static string? Diagnose(ContainerState state) =>
        state switch
        {
            { Status: "exited" or "dead" } =>
                $"container {state.Name} exited with code {state.ExitCode}",
            { RestartCount: >= RestartLoopCount } or { Status: "restarting", RestartCount: >= 1 } =>
                $"container {state.Name} restarts in a loop ({state.RestartCount} restarts, last exit code {state.ExitCode})",
            { Health: "unhealthy" } => $"container {state.Name} is unhealthy (Docker healthcheck)",
            _ => null,
        };

    /// <summary>Polls until the service fails (returns the failure) or <paramref name="cancellation"/> fires.</summary>
    public async Task<ContainerFailure> WatchAsync(string service, CancellationToken cancellation)
    {
        var seen = false;
        while (true)
        {
            List<ContainerState> containers;
            try
            {
                containers = (await docker.ProjectContainersAsync(project, cancellation))
                    .Where(c => c.Service == service)
                    .ToList();
            }
            catch (Build.Host.BuildException e)
            {
                return new ContainerFailure(
                    service,
                    $"the Docker engine stopped answering ({e.Message})",
                    null,
                    []
                );
            }
            seen |= containers.Count > 0;
            foreach (var container in containers)
            {
                if (Diagnose(container) is { } reason)
                {
                    var logs = await docker.TailLogsAsync(container.Id, logLines, cancellation);
                    return new ContainerFailure(service, reason, container, logs);
                }
            }
            if (containers.Count == 0)
            {
                var reason = seen
                    ? "its container was removed"
                    : "no container runs for it (was it started with Up?)";
                return new ContainerFailure(service, reason, null, []);
            }
            await Task.Delay(interval, cancellation);
        }
    }

    /// <summary>Probe for services without an endpoint: ready when running and, with a healthcheck, healthy.</summary>
    public Func<CancellationToken, ValueTask<ProbeResult>> StateProbe(string service) =>
        async token =>
        {
            var containers = (await docker.ProjectContainersAsync(project, token))
                .Where(c => c.Service == service)
                .ToList();
            var ready =
                containers.Count > 0
                && containers.All(c => c.IsRunning && c.Health is null or "healthy");
            var detail =
                containers.Count == 0
                    ? "no container"
                    : string.Join(", ", containers.Select(c => c.Health ?? c.Status));
            return new ProbeResult(ready, detail);
        };
}
