using Build.Validation.Model;
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
        if (YamlExtensions.TryLoadFile(path) is not YamlMappingNode root)
        {
            return null;
        }
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        var ruleFiles = root.Get("rule_files")
            .Strings()
            .Select(f => System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, f)))
            .ToList();
        var groups = root.Get("tests")
            .Items()
            .OfType<YamlMappingNode>()
            .Select(
                (group, index) =>
                {
                    var name = group.Get("name").Str();
                    return new TestGroupSpec(
                        name ?? $"test group #{index + 1}",
                        name is not null,
                        group
                            .Get("alert_rule_test")
                            .Items()
                            .Select(t => t.Get("alertname").Str())
                            .OfType<string>()
                            .Distinct(StringComparer.Ordinal)
                            .ToList(),
                        group
                            .Get("promql_expr_test")
                            .Items()
                            .Select(t => new ExpressionTestSpec(
                                t.Get("expr").Str() ?? "",
                                t.Get("eval_time").Str() ?? ""
                            ))
                            .ToList(),
                        group.Get("interval").Str() is { Length: > 0 },
                        group
                            .Get("input_series")
                            .Items()
                            .Any(t =>
                                t.Get("values").Str()?.Contains("{{", StringComparison.Ordinal)
                                == true
                            )
                    );
                }
            )
            .ToList();
        return new PromtoolTestFile(path, ruleFiles, groups, AlertsByRuleFile(ruleFiles));
    }

    /// <summary>The rule file that defines <paramref name="alert"/>, or null when the test's rule files do not.</summary>
    public string? RuleFileOf(string? alert) =>
        alert is not null && AlertRuleFiles.TryGetValue(alert, out var file) ? file : null;

    /// <summary>Every alert defined in <paramref name="ruleFiles"/>, with the file that defines it (a broken file is promtool's to report).</summary>
    public static Dictionary<string, string> AlertsByRuleFile(IEnumerable<string> ruleFiles)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in ruleFiles)
        {
            var rules = YamlExtensions
                .TryLoadFile(file)
                .Get("groups")
                .Items()
                .SelectMany(g => g.Get("rules").Items());
            foreach (var alert in rules.Select(r => r.Get("alert").Str()).OfType<string>())
            {
                result.TryAdd(alert, file);
            }
        }
        return result;
    }
}
