namespace Build.Rules.Report;

public enum CheckStatus
{
    Passed,
    Failed,
    Skipped,
}

/// <summary>
/// One line of the TestRules report: a mimirtool or promtool check of a tenant's folder or file, or one
/// alert (or the expression tests) of one promtool test group.
/// </summary>
/// <param name="Tenant">The tenant folder.</param>
/// <param name="Stage">What ran: <c>mimirtool rules check</c>, <c>promtool test rules</c>, ...</param>
/// <param name="Subject">What was checked: a folder, a file, or <c>group "..." alert X</c>.</param>
/// <param name="File">The file (or folder) the result belongs to.</param>
/// <param name="RuleFile">For unit tests: the rule file that defines the alert.</param>
/// <param name="Detail">For failures: the tool's own words (expected vs got); for skips: the install hint.</param>
public sealed record RuleCheck(
    string Tenant,
    string Stage,
    string Subject,
    string File,
    string? RuleFile,
    CheckStatus Status,
    string? Detail = null
)
{
    /// <summary>"test file X, rule file Y" when the result belongs to a test of another file's rule, else null.</summary>
    public string? TestAndRuleFile =>
        RuleFile is { Length: > 0 } rules && rules != File
            ? $"test file {File}, rule file {rules}"
            : null;
}
