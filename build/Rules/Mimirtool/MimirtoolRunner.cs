using System.Globalization;
using System.Text.RegularExpressions;
using Build.Rules.Report;
using Build.Tools;

namespace Build.Rules.Mimirtool;

/// <summary>
/// Runs mimirtool's offline rule commands on a tenant's folder: <c>rules check</c> (recording-rule naming,
/// duplicates) and <c>rules lint --dry-run</c> (would mimirtool rewrite an expression into PromQL's canonical form?).
/// mimirtool has no unit-test command; promtool does that.
/// </summary>
public sealed partial class MimirtoolRunner(ResolvedTool mimirtool, Func<string, string> display)
{
    public const string CheckStage = "mimirtool rules check";
    public const string LintStage = "mimirtool rules lint";

    [GeneratedRegex(@"(?<rules>\d+) rules found, (?<linted>\d+) linted expressions")]
    private static partial Regex LintSummary();

    public RuleCheck Check(TenantRules tenant)
    {
        var folder = display(tenant.RulesDirectory);
        var result = Run("rules", "check", "--rule-dirs=" + tenant.RulesDirectory);
        return result.Succeeded
            ? new RuleCheck(tenant.Tenant, CheckStage, folder, folder, null, CheckStatus.Passed)
            : new RuleCheck(
                tenant.Tenant,
                CheckStage,
                folder,
                folder,
                null,
                CheckStatus.Failed,
                Text(result)
            );
    }

    public RuleCheck Lint(TenantRules tenant)
    {
        var folder = display(tenant.RulesDirectory);
        var result = Run("rules", "lint", "--dry-run", "--rule-dirs=" + tenant.RulesDirectory);
        return new RuleCheck(
            tenant.Tenant,
            LintStage,
            folder,
            folder,
            null,
            LintStatus(result, out var detail),
            detail
        );
    }

    /// <summary>Passed when mimirtool parsed every file and would rewrite no expression (public for tests).</summary>
    public static CheckStatus LintStatus(ProcessResult result, out string? detail)
    {
        if (!result.Succeeded)
        {
            detail = Text(result);
            return CheckStatus.Failed;
        }
        var summary = LintSummary().Match(result.Output);
        if (!summary.Success)
        {
            detail =
                "mimirtool printed no '<n> rules found, <m> linted expressions' line:\n"
                + Text(result);
            return CheckStatus.Failed;
        }
        var linted = int.Parse(summary.Groups["linted"].Value, CultureInfo.InvariantCulture);
        if (linted == 0)
        {
            detail = summary.Value;
            return CheckStatus.Passed;
        }
        detail =
            $"{summary.Value}: {linted} expression(s) are not in PromQL's canonical one-line form. "
            + "Write each expr as mimirtool prints it (`mimirtool rules lint` rewrites the files in place, "
            + "dropping comments; run it on a copy and take over the expr lines).";
        return CheckStatus.Failed;
    }

    private ProcessResult Run(params string[] arguments) =>
        CommandRunner.Run(mimirtool.Executable, mimirtool.Arguments(arguments));

    private static string Text(ProcessResult result)
    {
        var text = result.Output.Trim();
        return text.Length == 0
            ? $"mimirtool exited with code {result.ExitCode} and printed nothing"
            : text;
    }
}
