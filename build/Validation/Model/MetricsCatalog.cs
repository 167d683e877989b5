using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Build.Validation.Model;

/// <summary>
/// The series listed in <c>stack/metrics.yaml</c>. The reader is tolerant of the layout: every scalar that is a
/// metric name, given as a value of <c>name</c>/<c>series</c>/<c>metric</c> or as an item of a list, counts.
/// A histogram listed by its base name also allows <c>_bucket</c>, <c>_sum</c>, <c>_count</c>.
/// </summary>
public sealed partial class MetricsCatalog
{
    private static readonly string[] HistogramSuffixes = ["_bucket", "_sum", "_count"];

    public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

    /// <summary>Tenants a series lands in (from an emitter's <c>tenants</c>), when the catalog says.</summary>
    public Dictionary<string, HashSet<string>> Tenants { get; } = new(StringComparer.Ordinal);

    public static MetricsCatalog Read(StackFile? file)
    {
        var catalog = new MetricsCatalog();
        Collect(file?.Yaml, null, catalog.Names);
        foreach (var (_, emitter) in file?.Yaml.Get("emitters").Entries() ?? [])
        {
            var tenants = emitter.Get("tenants").Strings().ToList();
            if (tenants.Count == 0)
            {
                continue;
            }
            foreach (var name in emitter.Get("series").Strings())
            {
                if (!catalog.Tenants.TryGetValue(name, out var set))
                {
                    catalog.Tenants[name] = set = new HashSet<string>(StringComparer.Ordinal);
                }
                set.UnionWith(tenants);
            }
        }
        return catalog;
    }

    /// <summary>Tenants of a series (histogram suffixes resolved), null when unknown.</summary>
    public HashSet<string>? TenantsOf(string name) =>
        Listed(name)
            .Select(n => Tenants.GetValueOrDefault(n))
            .FirstOrDefault(set => set is not null);

    public bool Contains(string name) => Listed(name).Any(Names.Contains);

    /// <summary>The names a series can be listed under: its own, or a histogram's base name.</summary>
    private static IEnumerable<string> Listed(string name) =>
        HistogramSuffixes
            .Where(suffix => name.EndsWith(suffix, StringComparison.Ordinal))
            .Select(suffix => name[..^suffix.Length])
            .Prepend(name);

    private static void Collect(YamlNode? node, string? key, HashSet<string> names)
    {
        switch (node)
        {
            case YamlScalarNode scalar when key is "name" or "series" or "metric" or null:
                if (scalar.Value is { } text && MetricName().IsMatch(text))
                {
                    names.Add(text);
                }
                break;
            case YamlSequenceNode seq:
                foreach (var item in seq.Children)
                {
                    Collect(item, key is "series" or "metrics" or "names" ? null : "(item)", names);
                }
                break;
            case YamlMappingNode:
                foreach (var (k, v) in node.Entries())
                {
                    Collect(v, k.Value, names);
                }
                break;
        }
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();
}
