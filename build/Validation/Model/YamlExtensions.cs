using YamlDotNet.RepresentationModel;

namespace Build.Validation.Model;

/// <summary>Small helpers over YamlDotNet's representation model that keep node positions.</summary>
public static class YamlExtensions
{
    /// <summary>The first document's root of a file; null when the file is absent or not YAML (its own tool reports that).</summary>
    public static YamlNode? TryLoadFile(string path)
    {
        try
        {
            return File.Exists(path) ? BoundedYamlParser.ReadRoot(File.ReadAllText(path)) : null;
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return null;
        }
    }

    public static Position Pos(this YamlNode node) =>
        new((int)node.Start.Line, (int)node.Start.Column);

    /// <summary>Entries of a mapping, with <c>&lt;&lt;: *anchor</c> merge keys expanded (explicit keys win).</summary>
    public static IEnumerable<(YamlScalarNode Key, YamlNode Value)> Entries(this YamlNode? node)
    {
        if (node is not YamlMappingNode map)
        {
            yield break;
        }
        var own = new HashSet<string>();
        foreach (var (key, value) in map.Children)
        {
            if (key is YamlScalarNode scalar && scalar.Value != "<<")
            {
                own.Add(scalar.Value ?? "");
                yield return (scalar, value);
            }
        }
        foreach (var (key, value) in map.Children)
        {
            if (key is not YamlScalarNode { Value: "<<" })
            {
                continue;
            }
            var sources = value is YamlSequenceNode seq
                ? seq.Children
                : (IEnumerable<YamlNode>)[value];
            foreach (var source in sources)
            {
                foreach (var (k, v) in source.Entries())
                {
                    if (own.Add(k.Value ?? ""))
                    {
                        yield return (k, v);
                    }
                }
            }
        }
    }

    public static YamlNode? Get(this YamlNode? node, string key) =>
        node.Entries().FirstOrDefault(e => e.Key.Value == key).Value;

    public static YamlScalarNode? KeyNode(this YamlNode? node, string key) =>
        node.Entries().FirstOrDefault(e => e.Key.Value == key).Key;

    public static YamlNode? At(this YamlNode? node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            current = current.Get(key);
            if (current is null)
            {
                return null;
            }
        }
        return current;
    }

    public static string? Str(this YamlNode? node) =>
        node is YamlScalarNode scalar && !node.IsNullScalar() ? scalar.Value : null;

    public static bool IsNullScalar(this YamlNode? node) =>
        node
            is YamlScalarNode
            {
                Style: YamlDotNet.Core.ScalarStyle.Plain,
                Value: "~" or "null" or ""
            };

    public static bool? Bool(this YamlNode? node) =>
        node.Str()?.ToLowerInvariant() switch
        {
            "true" => true,
            "false" => false,
            _ => null,
        };

    public static IEnumerable<YamlNode> Items(this YamlNode? node) =>
        node is YamlSequenceNode seq ? seq.Children : [];

    public static IEnumerable<string> Keys(this YamlNode? node) =>
        node.Entries().Select(e => e.Key.Value ?? "");

    /// <summary>Every scalar below a node, depth first, in document order.</summary>
    public static IEnumerable<YamlScalarNode> Scalars(this YamlNode? node)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                yield return scalar;
                break;
            case YamlSequenceNode seq:
                foreach (var item in seq.Children)
                {
                    foreach (var s in item.Scalars())
                    {
                        yield return s;
                    }
                }
                break;
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    foreach (var s in key.Scalars())
                    {
                        yield return s;
                    }
                    foreach (var s in value.Scalars())
                    {
                        yield return s;
                    }
                }
                break;
        }
    }

    /// <summary>Every string value of a list or a single scalar.</summary>
    public static IEnumerable<string> Strings(this YamlNode? node) =>
        node switch
        {
            YamlSequenceNode seq => seq.Children.Select(c => c.Str()).OfType<string>(),
            YamlScalarNode => node.Str() is { } s ? [s] : [],
            _ => [],
        };
}
