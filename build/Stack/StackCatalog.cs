using System.Globalization;
using Build.Docker;
using Build.Host;
using Build.Secrets;
using Build.Validation.Model;

namespace Build.Stack;

/// <summary>What a service is to the build (label <c>org.lgtm.role</c>).</summary>
public static class StackRole
{
    public const string Grafana = "grafana";
    public const string Logs = "logs";
    public const string Metrics = "metrics";
    public const string Traces = "traces";
    public const string Collector = "collector";
    public const string App = "app";
}

/// <summary>The <c>org.lgtm.*</c> labels of <c>stack/docker-compose.yaml</c> (explained at the top of that file).</summary>
public static class StackLabels
{
    public const string Role = "org.lgtm.role";
    public const string ReadinessPort = "org.lgtm.readiness.port";
    public const string ReadinessPath = "org.lgtm.readiness.path";
    public const string ApiPort = "org.lgtm.api.port";
    public const string OtlpPort = "org.lgtm.otlp.port";
    public const string OtlpPath = "org.lgtm.otlp.path";
}

/// <summary>
/// The stack folder's layout, written once: its compose file, the two catalogs, the runtime data folder, and the
/// usual places of Mimir's per-tenant stores (one sub-folder of rule files per tenant, one Alertmanager
/// configuration per tenant). Validate follows mimir.yaml's own settings through the bind mounts when they differ.
/// </summary>
public static class StackLayout
{
    public const string ComposeFile = "docker-compose.yaml";
    public const string EnvFile = "env.yaml";
    public const string MetricsFile = "metrics.yaml";
    public const string Data = "data";
    public const string Config = "config";
    public const string RulesFolder = "config/mimir/rules";
    public const string AlertmanagerFolder = "config/mimir/alertmanager";

    /// <summary>The compose file names compose itself looks for, preferred first.</summary>
    public static readonly string[] ComposeNames = [ComposeFile, "docker-compose.yml"];

    /// <summary>The compose file of a stack folder (the first of <see cref="ComposeNames"/> that exists), or null.</summary>
    public static string? FindCompose(string stackDirectory) =>
        ComposeNames.Select(n => Path.Combine(stackDirectory, n)).FirstOrDefault(File.Exists);
}

/// <summary>An HTTP endpoint inside a service's container: port and path (a base path for APIs).</summary>
public sealed record StackEndpoint(int ContainerPort, string Path);

/// <summary>One compose service as the build sees it: its role and the endpoints its labels declare.</summary>
public sealed record StackService(
    ComposeService Compose,
    string? Role,
    StackEndpoint? Readiness,
    StackEndpoint? Api,
    StackEndpoint? Otlp
)
{
    public string Name => Compose.Name;

    public static StackService From(ComposeService service) =>
        new(
            service,
            service.Labels.GetValueOrDefault(StackLabels.Role),
            Endpoint(service, StackLabels.ReadinessPort, StackLabels.ReadinessPath, "/"),
            Endpoint(service, StackLabels.ApiPort, null, ""),
            Endpoint(service, StackLabels.OtlpPort, StackLabels.OtlpPath, "")
        );

    /// <summary>
    /// The URL of <paramref name="endpoint"/> from the host: the port the running container really publishes for
    /// it (from the engine) when there is one, else the one the compose file declares; null when not published.
    /// </summary>
    public Uri? HostUrl(StackEndpoint? endpoint, IReadOnlyList<ContainerState>? containers = null)
    {
        if (endpoint is null)
        {
            return null;
        }
        var fromEngine = containers
            ?.Where(c => c.Service == Name && c.IsRunning)
            .SelectMany(c => c.Ports)
            .FirstOrDefault(p => p.ContainerPort == endpoint.ContainerPort && p.Protocol == "tcp");
        var fromFile = Compose.Ports.FirstOrDefault(p =>
            p.ContainerPort == endpoint.ContainerPort && p.Published is not null
        );
        var (hostIp, hostPort) =
            fromEngine is not null ? (fromEngine.HostIp, fromEngine.HostPort)
            : fromFile is not null ? (fromFile.BindAddress, fromFile.Published!.Value)
            : ("", 0);
        if (hostPort == 0)
        {
            return null;
        }
        var host = hostIp is "0.0.0.0" or "" or "::" ? "127.0.0.1" : hostIp;
        return new Uri($"http://{host}:{hostPort}{endpoint.Path}");
    }

    private static StackEndpoint? Endpoint(
        ComposeService service,
        string portLabel,
        string? pathLabel,
        string defaultPath
    )
    {
        if (!service.Labels.TryGetValue(portLabel, out var text))
        {
            return null;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            throw new BuildException(
                $"Service {service.Name}: label {portLabel} must be a container port number, not '{text}' (stack/docker-compose.yaml)."
            );
        }
        var path = pathLabel is null ? defaultPath : service.Labels.GetValueOrDefault(pathLabel);
        return new StackEndpoint(port, string.IsNullOrEmpty(path) ? defaultPath : path);
    }
}

/// <summary>A tenant of the stack (<c>tenants:</c> in <c>stack/env.yaml</c>).</summary>
public sealed record StackTenant(string Name, string Description, bool SelfMonitoring = false);

/// <summary>
/// The one home of what the stack is, read from <c>stack/</c>: services with their roles, readiness, API and OTLP
/// endpoints (compose labels <c>org.lgtm.*</c>), and the tenants (<c>stack/env.yaml</c>). ReadinessTargets, Up's
/// URL table and Verify read it; nothing in C# repeats a port, a path or a tenant name.
/// </summary>
public sealed class StackCatalog
{
    public StackCatalog(IReadOnlyList<StackService> services, IReadOnlyList<StackTenant> tenants)
    {
        Services = services;
        Tenants = tenants;
    }

    public IReadOnlyList<StackService> Services { get; }
    public IReadOnlyList<StackTenant> Tenants { get; }

    public static StackCatalog From(ComposeFile compose, EnvironmentCatalog environment) =>
        new(
            compose.Services.Select(StackService.From).ToArray(),
            environment
                .Tenants.Values.Select(t => new StackTenant(
                    t.Name,
                    t.Description ?? "",
                    t.SelfMonitoring
                ))
                .ToArray()
        );

    /// <summary>The service that plays <paramref name="role"/> (<see cref="StackRole"/>), or null.</summary>
    public StackService? WithRole(string role) => Services.FirstOrDefault(s => s.Role == role);

    public StackService? Find(string name) => Services.FirstOrDefault(s => s.Name == name);

    public IReadOnlyList<string> TenantNames => Tenants.Select(t => t.Name).ToArray();

    /// <summary>The tenant of the components' own metrics (<c>selfMonitoring: true</c>), or null.</summary>
    public StackTenant? SelfMonitoringTenant => Tenants.FirstOrDefault(t => t.SelfMonitoring);

    /// <summary>The scrape jobs of self-monitoring: the stack's components (job = service name, docs/contracts.md).</summary>
    public IReadOnlyList<string> ComponentJobs =>
        Services
            .Where(s =>
                s.Role
                    is StackRole.Collector
                        or StackRole.Logs
                        or StackRole.Metrics
                        or StackRole.Traces
            )
            .Select(s => s.Name)
            .ToArray();
}
