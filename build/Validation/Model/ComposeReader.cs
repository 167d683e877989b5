using YamlDotNet.RepresentationModel;

namespace Build.Validation.Model;

/// <summary>Reads the services of a compose file (short and long syntaxes).</summary>
public static class ComposeReader
{
    /// <summary>
    /// The services under <paramref name="root"/>. <paramref name="interpolate"/> (none: as written) is applied to
    /// image, user, ports, expose, volumes, labels and env_file paths; never to <c>environment:</c> or commands.
    /// </summary>
    public static List<ComposeService> Read(
        YamlNode root,
        string directory,
        Func<string, string>? interpolate = null
    )
    {
        string? Str(YamlNode? node) =>
            node.Str() is { } text && interpolate is not null ? interpolate(text) : node.Str();
        var services = new List<ComposeService>();
        foreach (var (key, node) in root.Get("services").Entries())
        {
            var name = key.Value ?? "";
            var service = new ComposeService
            {
                Name = name,
                Node = node,
                Pos = key.Pos(),
                Directory = directory,
                Image = Str(node.Get("image")),
                User = Str(node.Get("user")),
                Healthcheck = node.Get("healthcheck"),
            };
            foreach (var port in node.Get("ports").Items())
            {
                service.Ports.Add(ReadPort(name, port, Str));
            }
            foreach (var port in node.Get("expose").Items())
            {
                if (int.TryParse(Str(port)?.Split('/')[0], out var p))
                {
                    service.Expose.Add(p);
                }
            }
            foreach (var volume in node.Get("volumes").Items())
            {
                if (ReadVolume(volume, Str) is { } v)
                {
                    service.Volumes.Add(v);
                }
            }
            service.Command.AddRange(ReadCommand(node.Get("command")));
            ReadEnvironment(node.Get("environment"), service.Environment);
            foreach (var (label, value) in node.Get("labels").Entries())
            {
                service.Labels[label.Value ?? ""] = Str(value) ?? "";
            }
            foreach (var item in node.Get("labels").Items().Select(Str).OfType<string>())
            {
                var eq = item.IndexOf('=');
                service.Labels[eq < 0 ? item : item[..eq]] = eq < 0 ? "" : item[(eq + 1)..];
            }
            var envFile = node.Get("env_file");
            foreach (var item in envFile is YamlScalarNode ? [envFile] : envFile.Items())
            {
                if ((Str(item) ?? Str(item.Get("path"))) is { } envPath)
                {
                    service.EnvFiles.Add((envPath, item.Pos()));
                }
            }
            var depends = node.Get("depends_on");
            foreach (var item in depends.Items())
            {
                if (item.Str() is { } dependency)
                {
                    service.DependsOn[dependency] = (null, item.Pos());
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

    private static ComposePort ReadPort(string service, YamlNode node, Func<YamlNode?, string?> str)
    {
        if (node is YamlMappingNode)
        {
            var target = int.TryParse(str(node.Get("target")), out var t) ? t : (int?)null;
            return new ComposePort(
                service,
                str(node.Get("host_ip")),
                str(node.Get("published")),
                target,
                "(long syntax)",
                node.Pos()
            );
        }
        var raw = str(node) ?? "";
        var parts = SplitOutsideVariables(raw.Split('/')[0], ':');
        var container = int.TryParse(parts[^1].Split('-')[0], out var c) ? c : (int?)null;
        return parts.Count switch
        {
            1 => new ComposePort(service, null, null, container, raw, node.Pos()),
            2 => new ComposePort(service, null, parts[0], container, raw, node.Pos()),
            _ => new ComposePort(
                service,
                string.Join(':', parts.Take(parts.Count - 2)),
                parts[^2],
                container,
                raw,
                node.Pos()
            ),
        };
    }

    private static ComposeVolume? ReadVolume(YamlNode node, Func<YamlNode?, string?> str)
    {
        if (node is YamlMappingNode)
        {
            var source = str(node.Get("source")) ?? "";
            var target = str(node.Get("target")) ?? "";
            return new ComposeVolume(source, target, node.Get("type").Str() == "bind", node.Pos());
        }
        var parts = SplitOutsideVariables(str(node) ?? "", ':');
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
