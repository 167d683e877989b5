using Build.Rules.Report;

namespace Build.Rules.Promtool;

/// <summary>
/// What a test file must do to run the same on promtool 2.42 (Debian, CI here) and 3.x (GitHub, the image), and
/// for the report to place promtool's failures: every group named (uniquely), with an <c>interval</c>, and with
/// classic histograms only. One failed line per violation; nothing when the file follows them.
/// </summary>
public static class TestConventions
{
    public const string Stage = "test conventions";

    public static IEnumerable<RuleCheck> Check(
        string tenant,
        PromtoolTestFile spec,
        Func<string, string> display
    )
    {
        var file = display(spec.Path);
        RuleCheck Violation(TestGroupSpec group, string what) =>
            new(tenant, Stage, $"group \"{group.Name}\"", file, null, CheckStatus.Failed, what);

        var duplicates = spec
            .Groups.Where(g => g.Named)
            .GroupBy(g => g.Name, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var group in spec.Groups)
        {
            if (!group.Named)
            {
                yield return Violation(
                    group,
                    "Give the test group a name: promtool names groups in its failures, and the report places them by it."
                );
            }
            else if (duplicates.Contains(group.Name))
            {
                yield return Violation(
                    group,
                    "Another test group of this file has the same name: give each a unique one."
                );
            }
            if (!group.HasInterval)
            {
                yield return Violation(
                    group,
                    "Set `interval:` in the test group: promtool 2.42 (Debian, CI) requires it."
                );
            }
            if (group.NativeHistogramInput)
            {
                yield return Violation(
                    group,
                    "Use classic histogram series (`_bucket{le=...}`), not the {{schema:...}} notation: promtool 2.42 cannot read it, and Caro's histograms are classic."
                );
            }
        }
    }
}
