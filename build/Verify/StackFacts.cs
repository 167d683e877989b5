using YamlDotNet.RepresentationModel;

namespace Build.Verify;

/// <summary>What Verify reads from stack/config to know what to expect: rule groups and span-metrics tenants.</summary>
public static class StackFacts
{
    /// <summary>Group names per rule file of <c>config/mimir/rules/&lt;tenant&gt;/</c> (the ruler's local store).</summary>
    public static IReadOnlyList<(string File, string Group)> RuleGroups(
        string stackDirectory,
        string tenant
    )
    {
        var directory = Path.Combine(stackDirectory, "config", "mimir", "rules", tenant);
        if (!Directory.Exists(directory))
        {
            return [];
        }
        var groups = new List<(string, string)>();
        foreach (var file in Directory.GetFiles(directory, "*.y*ml").Order(StringComparer.Ordinal))
        {
            foreach (var group in Items(Child(Load(file), "groups")))
            {
                if (Child(group, "name") is YamlScalarNode { Value: { } name })
                {
                    groups.Add((Path.GetFileName(file), name));
                }
            }
        }
        return groups;
    }

    /// <summary>
    /// True when Tempo's metrics generator makes span metrics for <paramref name="tenant"/>: its entry in
    /// <c>config/tempo/overrides.yaml</c> lists the processor (an entry replaces the defaults entirely), else
    /// <c>overrides.defaults</c> of <c>tempo.yaml</c> does.
    /// </summary>
    public static bool HasSpanMetrics(string stackDirectory, string tenant)
    {
        var tempo = Path.Combine(stackDirectory, "config", "tempo");
        var overrides = Child(Load(Path.Combine(tempo, "overrides.yaml")), "overrides");
        var entry = Child(overrides, tenant);
        if (entry is null)
        {
            entry = Child(Child(Load(Path.Combine(tempo, "tempo.yaml")), "overrides"), "defaults");
        }
        return Items(Child(Child(entry, "metrics_generator"), "processors"))
            .OfType<YamlScalarNode>()
            .Any(p => p.Value == "span-metrics");
    }

    private static YamlNode? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        var yaml = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            yaml.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return null; // Validate reports it; Verify then expects nothing from this file.
        }
        return yaml.Documents.Count > 0 ? yaml.Documents[0].RootNode : null;
    }

    private static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var v)
            ? v
            : null;

    private static IEnumerable<YamlNode> Items(YamlNode? node) =>
        node is YamlSequenceNode list ? list.Children : [];
}
