using Build.Validation.Model;
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
        return Directory.Exists(directory)
            ? Directory
                .GetFiles(directory, "*.y*ml")
                .Order(StringComparer.Ordinal)
                .SelectMany(file =>
                    Load(file)
                        .Get("groups")
                        .Items()
                        .Select(g => g.Get("name").Str())
                        .OfType<string>()
                        .Select(group => (Path.GetFileName(file), group))
                )
                .ToArray()
            : [];
    }

    /// <summary>
    /// True when Tempo's metrics generator makes span metrics for <paramref name="tenant"/>: its entry in
    /// <c>config/tempo/overrides.yaml</c> lists the processor (an entry replaces the defaults entirely), else
    /// <c>overrides.defaults</c> of <c>tempo.yaml</c> does.
    /// </summary>
    public static bool HasSpanMetrics(string stackDirectory, string tenant)
    {
        var tempo = Path.Combine(stackDirectory, "config", "tempo");
        var entry =
            Load(Path.Combine(tempo, "overrides.yaml")).At("overrides", tenant)
            ?? Load(Path.Combine(tempo, "tempo.yaml")).At("overrides", "defaults");
        return entry.At("metrics_generator", "processors").Strings().Contains("span-metrics");
    }

    /// <summary>The first document of a YAML file; null when it is missing or does not parse (Validate reports that).</summary>
    internal static YamlNode? Load(string path)
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
            return null;
        }
        return yaml.Documents.Count > 0 ? yaml.Documents[0].RootNode : null;
    }
}
