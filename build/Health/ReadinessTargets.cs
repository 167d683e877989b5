using System.Globalization;
using Build.Docker;

namespace Build.Health;

/// <summary>How to tell that a service is ready: an HTTP endpoint from the host, or (no endpoint) its container state.</summary>
public sealed record ReadinessTarget(string Service, Uri? Url)
{
    public override string ToString() => Url?.ToString() ?? "container running/healthy";
}

/// <summary>
/// Readiness endpoints of the stack (docs/contracts.md): container port and path per service; the host URL uses the
/// port compose publishes for it. Other services may declare one with labels
/// <c>org.lgtm.readiness.port</c> (container port) and <c>org.lgtm.readiness.path</c>.
/// </summary>
public static class ReadinessTargets
{
    public const string PortLabel = "org.lgtm.readiness.port";
    public const string PathLabel = "org.lgtm.readiness.path";

    public static readonly IReadOnlyDictionary<string, (int ContainerPort, string Path)> Contract =
        new Dictionary<string, (int, string)>(StringComparer.Ordinal)
        {
            ["grafana"] = (3000, "/api/health"),
            ["loki"] = (3100, "/ready"),
            ["mimir"] = (9009, "/ready"),
            ["tempo"] = (3200, "/ready"),
            ["alloy"] = (12345, "/-/ready"),
            ["caro-demo"] = (9090, "/health/ready"),
        };

    /// <summary>
    /// The target of <paramref name="service"/>; the host port is the one its running container really publishes
    /// (from the engine) when there is one, else the one the compose file declares.
    /// </summary>
    public static ReadinessTarget For(
        ComposeService service,
        IReadOnlyList<ContainerState>? containers = null
    )
    {
        (int Port, string Path)? endpoint = null;
        if (
            service.Labels.TryGetValue(PortLabel, out var portText)
            && int.TryParse(portText, CultureInfo.InvariantCulture, out var labelPort)
        )
        {
            endpoint = (labelPort, service.Labels.GetValueOrDefault(PathLabel, "/"));
        }
        else if (Contract.TryGetValue(service.Name, out var fromContract))
        {
            endpoint = fromContract;
        }
        if (endpoint is not { } e)
        {
            return new ReadinessTarget(service.Name, null);
        }
        var fromEngine = containers
            ?.Where(c => c.Service == service.Name && c.IsRunning)
            .SelectMany(c => c.Ports)
            .FirstOrDefault(p => p.ContainerPort == e.Port && p.Protocol == "tcp");
        var fromFile = service.Ports.FirstOrDefault(p => p.ContainerPort == e.Port);
        var (hostIp, hostPort) =
            fromEngine is not null ? (fromEngine.HostIp, fromEngine.HostPort)
            : fromFile is not null ? (fromFile.HostIp, fromFile.HostPort)
            : ("", 0);
        if (hostPort == 0)
        {
            return new ReadinessTarget(service.Name, null);
        }
        var host = hostIp is "0.0.0.0" or "" or "::" ? "127.0.0.1" : hostIp;
        return new ReadinessTarget(service.Name, new Uri($"http://{host}:{hostPort}{e.Path}"));
    }
}
