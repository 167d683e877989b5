using YamlDotNet.RepresentationModel;

namespace Build.Rules.Promtool;

/// <summary>One <c>promql_expr_test</c>: the expression and its <c>eval_time</c> as written.</summary>
public sealed record ExpressionTestSpec(string Expression, string EvalTime);

/// <summary>One test group of a promtool test file: its name and the alerts and expressions it checks.</summary>
/// <param name="HasInterval">The group sets <c>interval</c> (promtool 2.42 requires it, 3.x defaults it).</param>
/// <param name="NativeHistogramInput">An input series uses the <c>{{schema:...}}</c> notation promtool 2.42 cannot read.</param>
public sealed record TestGroupSpec(
    string Name,
    bool Named,
    IReadOnlyList<string> Alerts,
    IReadOnlyList<ExpressionTestSpec> Expressions,
    bool HasInterval = true,
    bool NativeHistogramInput = false
);

/// <summary>What a promtool test file (<c>promtool test rules</c> format) checks, and which rule file defines each alert.</summary>
public sealed record PromtoolTestFile(
    string Path,
    IReadOnlyList<string> RuleFiles,
    IReadOnlyList<TestGroupSpec> Groups,
    IReadOnlyDictionary<string, string> AlertRuleFiles
)
{
    /// <summary>Reads the file; null when it is not valid YAML (promtool then reports the error itself).</summary>
    public static PromtoolTestFile? TryRead(string path)
    {
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            using (var reader = File.OpenText(path))
            {
                stream.Load(reader);
            }
            if (
                stream.Documents.Count == 0
                || stream.Documents[0].RootNode is not YamlMappingNode mapping
            )
            {
                return null;
            }
            root = mapping;
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return null;
        }

        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        var ruleFiles = Sequence(root, "rule_files")
            .OfType<YamlScalarNode>()
            .Select(n =>
                System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, n.Value ?? string.Empty))
            )
            .ToList();

        var groups = new List<TestGroupSpec>();
        var index = 0;
        foreach (var group in Sequence(root, "tests").OfType<YamlMappingNode>())
        {
            index++;
            var name = Scalar(group, "name");
            var alerts = Sequence(group, "alert_rule_test")
                .OfType<YamlMappingNode>()
                .Select(t => Scalar(t, "alertname"))
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .ToList();
            var expressions = Sequence(group, "promql_expr_test")
                .OfType<YamlMappingNode>()
                .Select(t => new ExpressionTestSpec(
                    Scalar(t, "expr") ?? string.Empty,
                    Scalar(t, "eval_time") ?? string.Empty
                ))
                .ToList();
            var nativeHistograms = Sequence(group, "input_series")
                .OfType<YamlMappingNode>()
                .Select(t => Scalar(t, "values") ?? string.Empty)
                .Any(v => v.Contains("{{", StringComparison.Ordinal));
            groups.Add(
                new TestGroupSpec(
                    name ?? $"test group #{index}",
                    name is not null,
                    alerts,
                    expressions,
                    Scalar(group, "interval") is { Length: > 0 },
                    nativeHistograms
                )
            );
        }

        return new PromtoolTestFile(path, ruleFiles, groups, AlertsByRuleFile(ruleFiles));
    }

    /// <summary>The rule file that defines <paramref name="alert"/>, or null when the test's rule files do not.</summary>
    public string? RuleFileOf(string? alert) =>
        alert is not null && AlertRuleFiles.TryGetValue(alert, out var file) ? file : null;

    /// <summary>Every alert defined in <paramref name="ruleFiles"/>, with the file that defines it.</summary>
    public static Dictionary<string, string> AlertsByRuleFile(IEnumerable<string> ruleFiles)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in ruleFiles.Where(File.Exists))
        {
            try
            {
                var stream = new YamlStream();
                using (var reader = File.OpenText(file))
                {
                    stream.Load(reader);
                }
                if (
                    stream.Documents.Count == 0
                    || stream.Documents[0].RootNode is not YamlMappingNode root
                )
                {
                    continue;
                }
                foreach (var group in Sequence(root, "groups").OfType<YamlMappingNode>())
                {
                    foreach (var rule in Sequence(group, "rules").OfType<YamlMappingNode>())
                    {
                        if (Scalar(rule, "alert") is { } alert)
                        {
                            result.TryAdd(alert, file);
                        }
                    }
                }
            }
            catch (YamlDotNet.Core.YamlException)
            {
                // promtool reports a broken rule file itself.
            }
        }
        return result;
    }

    private static IEnumerable<YamlNode> Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value)
        && value is YamlSequenceNode sequence
            ? sequence.Children
            : [];

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value)
        && value is YamlScalarNode scalar
            ? scalar.Value
            : null;
}
