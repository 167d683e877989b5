namespace Build.Rules.Report;

/// <summary>Counts of one tenant's checks.</summary>
public sealed record TenantSummary(string Tenant, int Passed, int Failed, int Skipped)
{
    public int Total => Passed + Failed + Skipped;
}

/// <summary>Everything TestRules checked, in the order it ran.</summary>
public sealed class RuleReport
{
    private readonly List<RuleCheck> _checks = [];

    public IReadOnlyList<RuleCheck> Checks => _checks;

    /// <summary>Lines about the tools (which one ran from where), printed before the results.</summary>
    public List<string> ToolLines { get; } = [];

    public void Add(RuleCheck check) => _checks.Add(check);

    public void AddRange(IEnumerable<RuleCheck> checks) => _checks.AddRange(checks);

    public IEnumerable<RuleCheck> Failures => _checks.Where(c => c.Status == CheckStatus.Failed);

    public IEnumerable<RuleCheck> Skips => _checks.Where(c => c.Status == CheckStatus.Skipped);

    public IReadOnlyList<TenantSummary> Summaries() =>
        _checks
            .GroupBy(c => c.Tenant, StringComparer.Ordinal)
            .Select(g => new TenantSummary(
                g.Key,
                g.Count(c => c.Status == CheckStatus.Passed),
                g.Count(c => c.Status == CheckStatus.Failed),
                g.Count(c => c.Status == CheckStatus.Skipped)
            ))
            .OrderBy(s => s.Tenant, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Null when the run passed; otherwise the one-line reason it failed. A skip fails the run only
    /// when <paramref name="strict"/> is set.
    /// </summary>
    public string? Verdict(bool strict)
    {
        var failures = Failures.ToList();
        if (failures.Count > 0)
        {
            var files = failures.Select(f => f.File).Distinct(StringComparer.Ordinal).ToList();
            return $"{failures.Count} rule check(s) failed in {string.Join(", ", files)}.";
        }
        var skips = Skips.ToList();
        if (strict && skips.Count > 0)
        {
            var reasons = skips.Select(s => s.Detail).Distinct(StringComparer.Ordinal);
            return $"{skips.Count} rule check(s) skipped and --{RulesArguments.Strict} is set: {string.Join(" ", reasons)}";
        }
        return null;
    }
}
