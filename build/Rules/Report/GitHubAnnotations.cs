namespace Build.Rules.Report;

/// <summary>
/// GitHub Actions workflow commands for the failed checks (<c>::error file=...,title=...::message</c>), so a
/// failing rule or test shows on the file in the pull request.
/// </summary>
public static class GitHubAnnotations
{
    public static IEnumerable<string> Errors(RuleReport report) =>
        report.Failures.Select(f =>
            $"::error file={Property(f.File)},title={Property($"{f.Stage}: {f.Subject}")}::{Data(f.Detail ?? f.Subject)}"
        );

    // Escaping as in @actions/core (toCommandValue / escapeData / escapeProperty).
    private static string Data(string value) =>
        value.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    private static string Property(string value) =>
        Data(value).Replace(":", "%3A").Replace(",", "%2C");
}
