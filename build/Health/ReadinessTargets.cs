using Build.Docker;
using Build.Stack;
using Build.Validation.Model;

namespace Build.Health;

/// <summary>How to tell that a service is ready: an HTTP endpoint from the host, or (no endpoint) its container state.</summary>
public sealed record ReadinessTarget(string Service, Uri? Url)
{
    public override string ToString() => Url?.ToString() ?? "container running/healthy";
}

/// <summary>
/// Readiness endpoints of the stack: each service declares its own with the compose labels
/// <c>org.lgtm.readiness.port</c> (container port) and <c>org.lgtm.readiness.path</c> (read by
/// <see cref="StackService"/>); the host URL uses the port compose publishes for it. A service without them is
/// ready when its container runs (and is healthy, if it has a healthcheck).
/// </summary>
public static class ReadinessTargets
{
    /// <summary>
    /// The target of <paramref name="service"/>; the host port is the one its running container really publishes
    /// (from the engine) when there is one, else the one the compose file declares.
    /// </summary>
    public static ReadinessTarget For(
        ComposeService service,
        IReadOnlyList<ContainerState>? containers = null
    )
    {
        var stack = StackService.From(service);
        return new ReadinessTarget(service.Name, stack.HostUrl(stack.Readiness, containers));
    }
}
