using YamlDotNet.RepresentationModel;

namespace Build.Validation.Model;

/// <summary>A published port: <c>[ip:][host:]container</c> (short form) or the long form.</summary>
public sealed record ComposePort(
    string? HostIp,
    string? HostPort,
    int? ContainerPort,
    string Raw,
    Position Pos
);

/// <summary>A volume: bind mount (source is a path) or named volume.</summary>
public sealed record ComposeVolume(string Source, string Target, bool IsBind, Position Pos);

/// <summary>One compose service as the checks need it.</summary>
public sealed class ComposeService
{
    public required string Name { get; init; }
    public required YamlNode Node { get; init; }
    public required Position Pos { get; init; }
    public string? Image { get; init; }
    public List<ComposePort> Ports { get; } = [];
    public List<int> Expose { get; } = [];
    public List<ComposeVolume> Volumes { get; } = [];
    public List<string> Command { get; } = [];
    public Dictionary<string, string?> Environment { get; } = [];
    public List<(string Path, Position Pos)> EnvFiles { get; } = [];
    public YamlNode? Healthcheck { get; init; }
    public Dictionary<string, (string? Condition, Position Pos)> DependsOn { get; } = [];

    /// <summary>Value of a <c>-flag=value</c> / <c>--flag=value</c> / <c>-flag value</c> command argument.</summary>
    public string? Flag(string name)
    {
        for (var i = 0; i < Command.Count; i++)
        {
            var arg = Command[i].TrimStart('-');
            if (!Command[i].StartsWith('-'))
            {
                continue;
            }
            if (arg.StartsWith(name + "=", StringComparison.Ordinal))
            {
                return arg[(name.Length + 1)..];
            }
            if (arg == name)
            {
                return i + 1 < Command.Count && !Command[i + 1].StartsWith('-')
                    ? Command[i + 1]
                    : "true";
            }
        }
        return null;
    }

    /// <summary>Maps a path inside the container to the host path of a bind mount (null if not mounted).</summary>
    public string? HostPath(string containerPath, string composeDirectory)
    {
        var best = Volumes
            .Where(v =>
                v.IsBind
                && (
                    containerPath == v.Target
                    || containerPath.StartsWith(
                        v.Target.TrimEnd('/') + "/",
                        StringComparison.Ordinal
                    )
                )
            )
            .OrderByDescending(v => v.Target.Length)
            .FirstOrDefault();
        if (best is null)
        {
            return null;
        }
        var rest = containerPath[best.Target.TrimEnd('/').Length..].TrimStart('/');
        var source = Path.GetFullPath(Path.Combine(composeDirectory, best.Source));
        return rest.Length == 0 ? source : Path.Combine(source, rest);
    }
}

/// <summary>Reads the services of a compose file (short and long syntaxes).</summary>
public static class ComposeReader
{
    public static List<ComposeService> Read(YamlNode root)
    {
        var services = new List<ComposeService>();
        foreach (var (key, node) in root.Get("services").Entries())
        {
            var service = new ComposeService
            {
                Name = key.Value ?? "",
                Node = node,
                Pos = key.Pos(),
                Image = node.Get("image").Str(),
                Healthcheck = node.Get("healthcheck"),
            };
            foreach (var port in node.Get("ports").Items())
            {
                service.Ports.Add(ReadPort(port));
            }
            foreach (var port in node.Get("expose").Items())
            {
                if (int.TryParse(port.Str()?.Split('/')[0], out var p))
                {
                    service.Expose.Add(p);
                }
            }
            foreach (var volume in node.Get("volumes").Items())
            {
                if (ReadVolume(volume) is { } v)
                {
                    service.Volumes.Add(v);
                }
            }
            service.Command.AddRange(ReadCommand(node.Get("command")));
            ReadEnvironment(node.Get("environment"), service.Environment);
            var envFile = node.Get("env_file");
            foreach (var item in envFile is YamlScalarNode ? [envFile] : envFile.Items())
            {
                if ((item.Str() ?? item.Get("path").Str()) is { } envPath)
                {
                    service.EnvFiles.Add((envPath, item.Pos()));
                }
            }
            var depends = node.Get("depends_on");
            foreach (var item in depends.Items())
            {
                if (item.Str() is { } name)
                {
                    service.DependsOn[name] = (null, item.Pos());
                }
            }
            foreach (var (dep, value) in depends.Entries())
            {
                service.DependsOn[dep.Value ?? ""] = (value.Get("condition").Str(), dep.Pos());
            }
            services.Add(service);
        }
        return services;
    }

    /// <summary>Splits on ':' outside <c>${...}</c>.</summary>
    public static List<string> SplitOutsideVariables(string text, char separator)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                depth++;
                i++;
            }
            else if (text[i] == '}' && depth > 0)
            {
                depth--;
            }
            else if (text[i] == separator && depth == 0)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }
        parts.Add(text[start..]);
        return parts;
    }

    private static ComposePort ReadPort(YamlNode node)
    {
        if (node is YamlMappingNode)
        {
            var target = int.TryParse(node.Get("target").Str(), out var t) ? t : (int?)null;
            return new ComposePort(
                node.Get("host_ip").Str(),
                node.Get("published").Str(),
                target,
                "(long syntax)",
                node.Pos()
            );
        }
        var raw = node.Str() ?? "";
        var parts = SplitOutsideVariables(raw.Split('/')[0], ':');
        var container = int.TryParse(parts[^1].Split('-')[0], out var c) ? c : (int?)null;
        return parts.Count switch
        {
            1 => new ComposePort(null, null, container, raw, node.Pos()),
            2 => new ComposePort(null, parts[0], container, raw, node.Pos()),
            _ => new ComposePort(
                string.Join(':', parts.Take(parts.Count - 2)),
                parts[^2],
                container,
                raw,
                node.Pos()
            ),
        };
    }

    private static ComposeVolume? ReadVolume(YamlNode node)
    {
        if (node is YamlMappingNode)
        {
            var source = node.Get("source").Str() ?? "";
            var target = node.Get("target").Str() ?? "";
            return new ComposeVolume(source, target, node.Get("type").Str() == "bind", node.Pos());
        }
        var parts = SplitOutsideVariables(node.Str() ?? "", ':');
        if (parts.Count < 2)
        {
            return null;
        }
        var src = parts[0];
        return new ComposeVolume(
            src,
            parts[1],
            src.StartsWith('.')
                || src.StartsWith('/')
                || src.StartsWith('~')
                || src.StartsWith('$'),
            node.Pos()
        );
    }

    private static IEnumerable<string> ReadCommand(YamlNode? node) =>
        node switch
        {
            YamlSequenceNode => node.Strings(),
            YamlScalarNode => (node.Str() ?? "").Split(
                [' ', '\t', '\n'],
                StringSplitOptions.RemoveEmptyEntries
            ),
            _ => [],
        };

    private static void ReadEnvironment(YamlNode? node, Dictionary<string, string?> into)
    {
        foreach (var (key, value) in node.Entries())
        {
            into[key.Value ?? ""] = value.Str();
        }
        foreach (var item in node.Items())
        {
            var text = item.Str() ?? "";
            var eq = text.IndexOf('=');
            into[eq < 0 ? text : text[..eq]] = eq < 0 ? null : text[(eq + 1)..];
        }
    }
}
