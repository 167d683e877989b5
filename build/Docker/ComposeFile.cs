using System.Globalization;
using Build.Host;
using YamlDotNet.RepresentationModel;

namespace Build.Docker;

/// <summary>A port the compose file publishes on the host, after interpolation.</summary>
public sealed record ComposePort(string Service, string HostIp, int HostPort, int ContainerPort);

/// <summary>A bind-mounted host directory of a service (only those under the stack's data directory matter).</summary>
public sealed record ComposeBind(string Service, string HostPath, string ContainerPath);

/// <summary>What the lifecycle needs from one compose service.</summary>
public sealed record ComposeService(
    string Name,
    string? User,
    IReadOnlyList<ComposePort> Ports,
    IReadOnlyList<ComposeBind> Binds,
    IReadOnlyDictionary<string, string> Labels,
    bool HasHealthcheck,
    IReadOnlyList<string> DependsOn
)
{
    /// <summary>
    /// The service's <c>environment:</c> as written (not interpolated): container variable → template such as
    /// <c>${GRAFANA_ADMIN_PASSWORD:?...}</c>; a pass-through entry (<c>- NAME</c>) reads <c>${NAME}</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> EnvironmentTemplates { get; init; } =
        new Dictionary<string, string>();
}

/// <summary>
/// The stack's compose file read directly (YAML + compose interpolation with the resolved variables): services,
/// users, published ports, bind mounts and labels. Compose itself stays the judge of validity (Validate).
/// </summary>
public sealed class ComposeFile
{
    private ComposeFile(string path, IReadOnlyList<ComposeService> services)
    {
        Path = path;
        Services = services;
    }

    public string Path { get; }
    public string Directory => System.IO.Path.GetDirectoryName(Path)!;
    public IReadOnlyList<ComposeService> Services { get; }

    public ComposeService? Find(string name) => Services.FirstOrDefault(s => s.Name == name);

    public static ComposeFile Load(string path, Func<string, string?> lookup)
    {
        if (!File.Exists(path))
        {
            throw new BuildException(
                $"Compose file not found: {path} (set --compose-file= or restore stack/docker-compose.yaml)."
            );
        }
        var yaml = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            yaml.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new BuildException($"{path}:{e.Start.Line}: not valid YAML: {e.Message}");
        }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new BuildException($"{path}: empty or not a mapping.");
        }
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        var services = new List<ComposeService>();
        if (Child(root, "services") is YamlMappingNode serviceNodes)
        {
            foreach (var (key, value) in serviceNodes.Children)
            {
                if (value is YamlMappingNode service)
                {
                    services.Add(
                        ReadService(((YamlScalarNode)key).Value!, service, directory, lookup)
                    );
                }
            }
        }
        return new ComposeFile(System.IO.Path.GetFullPath(path), services);
    }

    private static ComposeService ReadService(
        string name,
        YamlMappingNode node,
        string directory,
        Func<string, string?> lookup
    )
    {
        string? Text(YamlNode? n) =>
            n is YamlScalarNode { Value: { } v }
                ? ComposeInterpolation.Interpolate(v, lookup)
                : null;

        var ports = new List<ComposePort>();
        foreach (var port in Items(Child(node, "ports")))
        {
            if (port is YamlScalarNode && ParseShortPort(name, Text(port)!) is { } parsed)
            {
                ports.Add(parsed);
            }
            else if (
                port is YamlMappingNode map
                && int.TryParse(Text(Child(map, "published")), out var published)
            )
            {
                var target = int.Parse(
                    Text(Child(map, "target")) ?? "0",
                    CultureInfo.InvariantCulture
                );
                ports.Add(
                    new ComposePort(
                        name,
                        Text(Child(map, "host_ip")) ?? "0.0.0.0",
                        published,
                        target
                    )
                );
            }
        }

        var binds = new List<ComposeBind>();
        foreach (var volume in Items(Child(node, "volumes")))
        {
            var (source, target) = volume switch
            {
                YamlScalarNode => SplitVolume(Text(volume)!),
                YamlMappingNode map when Text(Child(map, "type")) == "bind" => (
                    Text(Child(map, "source")),
                    Text(Child(map, "target"))
                ),
                _ => (null, null),
            };
            if (
                source is not null
                && target is not null
                && (source.StartsWith('.') || source.StartsWith('/'))
            )
            {
                binds.Add(
                    new ComposeBind(
                        name,
                        System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, source)),
                        target
                    )
                );
            }
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (Child(node, "labels"))
        {
            case YamlMappingNode map:
                foreach (var (k, v) in map.Children)
                {
                    labels[((YamlScalarNode)k).Value!] = Text(v) ?? "";
                }
                break;
            case YamlSequenceNode list:
                foreach (var item in list.Children.Select(Text).OfType<string>())
                {
                    var eq = item.IndexOf('=');
                    labels[eq < 0 ? item : item[..eq]] = eq < 0 ? "" : item[(eq + 1)..];
                }
                break;
        }

        var dependsOn = Child(node, "depends_on") switch
        {
            YamlMappingNode map => map
                .Children.Keys.Select(k => ((YamlScalarNode)k).Value!)
                .ToArray(),
            YamlSequenceNode list => list.Children.Select(Text).OfType<string>().ToArray(),
            _ => [],
        };
        var healthcheck =
            Child(node, "healthcheck") is YamlMappingNode hc
            && Text(Child(hc, "disable")) != "true";
        return new ComposeService(
            name,
            Text(Child(node, "user")),
            ports,
            binds,
            labels,
            healthcheck,
            dependsOn
        )
        {
            EnvironmentTemplates = ReadEnvironment(Child(node, "environment")),
        };
    }

    private static Dictionary<string, string> ReadEnvironment(YamlNode? node)
    {
        var templates = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (k, v) in map.Children)
                {
                    var key = ((YamlScalarNode)k).Value!;
                    templates[key] =
                        v is YamlScalarNode { Value: { } text } scalar
                        && !(text.Length == 0 && scalar.Style == YamlDotNet.Core.ScalarStyle.Plain)
                            ? text
                            : "${" + key + "}";
                }
                break;
            case YamlSequenceNode list:
                foreach (var item in list.Children.OfType<YamlScalarNode>())
                {
                    var text = item.Value ?? "";
                    var eq = text.IndexOf('=');
                    templates[eq < 0 ? text : text[..eq]] =
                        eq < 0 ? "${" + text + "}" : text[(eq + 1)..];
                }
                break;
        }
        return templates;
    }

    /// <summary><c>[ip:]host:container[/proto]</c>; ports without a host part are not published on a fixed port.</summary>
    private static ComposePort? ParseShortPort(string service, string text)
    {
        var spec = text.Split('/')[0];
        var lastColon = spec.LastIndexOf(':');
        if (lastColon < 0)
        {
            return null;
        }
        var container = spec[(lastColon + 1)..];
        var hostPart = spec[..lastColon];
        var ipColon = hostPart.LastIndexOf(':');
        var ip = ipColon < 0 ? "0.0.0.0" : hostPart[..ipColon].Trim('[', ']');
        var host = ipColon < 0 ? hostPart : hostPart[(ipColon + 1)..];
        if (
            !int.TryParse(host, CultureInfo.InvariantCulture, out var hostPort)
            || !int.TryParse(container, CultureInfo.InvariantCulture, out var containerPort)
        )
        {
            throw new BuildException(
                $"Service {service}: cannot read published port '{text}' (expected [ip:]host:container)."
            );
        }
        return new ComposePort(service, ip.Length == 0 ? "0.0.0.0" : ip, hostPort, containerPort);
    }

    private static (string?, string?) SplitVolume(string text)
    {
        var parts = text.Split(':');
        return parts.Length >= 2 ? (parts[0], parts[1]) : (null, null);
    }

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static IEnumerable<YamlNode> Items(YamlNode? node) =>
        node is YamlSequenceNode list ? list.Children : [];
}
