using Build.Validation.Model;
using YamlDotNet.RepresentationModel;

namespace Build.Validation.Reference;

/// <summary>
/// Known keys and value kinds of a component's YAML config, written compactly, one section per line:
/// <code>
/// server: http_listen_port:port grpc_listen_port:port log_level
/// schema_config.configs[]: from store object_store schema index
/// overrides.* = limits_config
/// </code>
/// <c>path: keys</c> declares the keys a mapping may have (lines for the same path add up); <c>[]</c> is a list item,
/// <c>*</c> any key (tenants); <c>path = other</c> reads a mapping with the keys of another section.
/// Sections without a line are not checked (their keys are free). A path ending in <c>~</c> marks an incomplete list:
/// only keys within a small edit distance of a known key are reported (misspellings), others are accepted.
/// </summary>
public sealed class KeyReference
{
    private readonly Dictionary<string, Dictionary<string, ValueKind>> _sections = new(
        StringComparer.Ordinal
    );
    private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);
    private readonly HashSet<string> _partial = new(StringComparer.Ordinal);

    /// <summary>
    /// The <c>server</c> block Loki, Mimir and Tempo share (grafana/dskit's server configuration; partial list).
    /// </summary>
    public const string DskitServer = """
        server~: http_listen_address http_listen_port:port http_listen_conn_limit:int grpc_listen_address grpc_listen_port:port
        server~: grpc_listen_conn_limit:int register_instrumentation:bool graceful_shutdown_timeout:dur http_server_read_timeout:dur
        server~: http_server_write_timeout:dur http_server_idle_timeout:dur grpc_server_max_recv_msg_size:int grpc_server_max_send_msg_size:int
        server~: grpc_server_max_concurrent_streams:int log_format log_level log_source_ips_enabled:bool http_path_prefix
        """;

    /// <param name="specs">The reference's lines, in parts (e.g. its own sections, shared limits, <see cref="DskitServer"/>).</param>
    public KeyReference(string component, string version, params string[] specs)
    {
        Component = component;
        Version = version;
        foreach (var raw in string.Join('\n', specs).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var eq = line.IndexOf(" = ", StringComparison.Ordinal);
            if (eq > 0)
            {
                _aliases[line[..eq].Trim()] = line[(eq + 3)..].Trim();
                continue;
            }
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            var path = colon < 0 ? line.TrimEnd(':') : line[..colon];
            if (path.EndsWith('~'))
            {
                path = path[..^1];
                _partial.Add(path);
            }
            if (!_sections.TryGetValue(path, out var keys))
            {
                _sections[path] = keys = new Dictionary<string, ValueKind>(StringComparer.Ordinal);
            }
            foreach (
                var item in colon < 0
                    ? []
                    : line[(colon + 2)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            )
            {
                var parts = item.Split(':');
                keys[parts[0]] = ValueKinds.Parse(parts.Length > 1 ? parts[1] : "");
            }
        }
    }

    public string Component { get; }
    public string Version { get; }

    /// <summary>Checks every mapping below <paramref name="node"/> (at <paramref name="path"/>) against the reference.</summary>
    public void Check(StackFile file, YamlNode? node, ValidationReport report, string path = "")
    {
        if (node is YamlSequenceNode seq)
        {
            foreach (var item in seq.Children)
            {
                Check(file, item, report, path + "[]");
            }
            return;
        }
        if (node is not YamlMappingNode)
        {
            return;
        }
        var canonical = Canonical(path);
        var section = _sections.GetValueOrDefault(canonical);
        var anyKey =
            _sections.ContainsKey(canonical + ".*") || _aliases.ContainsKey(canonical + ".*");
        foreach (var (key, value) in node.Entries())
        {
            var name = key.Value ?? "";
            var childPath = anyKey ? Join(path, "*") : Join(path, name);
            if (section is not null && !anyKey)
            {
                if (!section.TryGetValue(name, out var kind))
                {
                    if (
                        _partial.Contains(canonical)
                        && EditDistance.Suggest(name, section.Keys) is null
                    )
                    {
                        Check(file, value, report, childPath);
                        continue;
                    }
                    var where = path.Length == 0 ? "at the top level" : $"in {Display(path)}";
                    report.Error(
                        file.Path,
                        key.Pos(),
                        $"unknown key '{name}' {where} of the {Component} {Version} config{EditDistance.Hint(name, section.Keys)}"
                    );
                    continue;
                }
                CheckKind(file, name, value, kind, report);
            }
            Check(file, value, report, childPath);
        }
    }

    private static void CheckKind(
        StackFile file,
        string name,
        YamlNode value,
        ValueKind kind,
        ValidationReport report
    )
    {
        if (kind is ValueKind.Any || value.IsNullScalar())
        {
            return;
        }
        if (kind == ValueKind.List && value is YamlMappingNode)
        {
            report.Error(file.Path, value.Pos(), $"'{name}' must be a list");
            return;
        }
        if (kind == ValueKind.Map && value is YamlSequenceNode or YamlScalarNode)
        {
            report.Error(file.Path, value.Pos(), $"'{name}' must be a mapping");
            return;
        }
        if (
            value is YamlScalarNode scalar
            && kind is not (ValueKind.List or ValueKind.Map or ValueKind.String)
        )
        {
            var quotedNumber =
                scalar.Style is not YamlDotNet.Core.ScalarStyle.Plain
                && kind is ValueKind.Port or ValueKind.Int or ValueKind.Bool or ValueKind.Float;
            var problem = ValueKinds.Check(kind, scalar.Value ?? "");
            if (
                problem is null
                && quotedNumber
                && !(scalar.Value ?? "").Contains("${", StringComparison.Ordinal)
            )
            {
                problem =
                    $"'{scalar.Value}' is quoted: a {kind.ToString().ToLowerInvariant()} must be written without quotes";
            }
            if (problem is not null)
            {
                report.Error(file.Path, value.Pos(), $"{name}: {problem}");
            }
        }
        else if (value is not YamlScalarNode && kind is not (ValueKind.List or ValueKind.Map))
        {
            report.Error(
                file.Path,
                value.Pos(),
                $"'{name}' must be a single value, not a {(value is YamlSequenceNode ? "list" : "mapping")}"
            );
        }
    }

    private string Canonical(string path)
    {
        // Longest alias prefix wins, repeatedly (an alias may point into another alias).
        for (var guard = 0; guard < 8; guard++)
        {
            var match = _aliases
                .Keys.Where(a =>
                    path == a
                    || path.StartsWith(a + ".", StringComparison.Ordinal)
                    || path.StartsWith(a + "[", StringComparison.Ordinal)
                )
                .MaxBy(a => a.Length);
            if (match is null)
            {
                return path;
            }
            path = _aliases[match] + path[match.Length..];
        }
        return path;
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    /// <summary><c>overrides.*</c> reads as <c>overrides.&lt;tenant&gt;</c> in messages.</summary>
    private static string Display(string path) =>
        path.Replace(".*", ".<tenant>", StringComparison.Ordinal);
}
