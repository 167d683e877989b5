using Build.Host;
using Build.Rules.Mimirtool;
using Build.Rules.Promtool;
using Build.Rules.Report;
using Build.Tools;

namespace Build.Rules;

/// <summary>What TestRules checks and with which tools.</summary>
/// <param name="Root">Repository root: paths in the report are shown relative to it.</param>
/// <param name="PathVariable">The PATH searched for promtool, mimirtool and docker.</param>
public sealed record RuleTestOptions(
    string Root,
    string RulesDirectory,
    string TestsDirectory,
    string? PromtoolPath,
    string? MimirtoolPath,
    string? PathVariable
);

/// <summary>
/// The TestRules run: per tenant, <c>mimirtool rules check</c> and <c>rules lint --dry-run</c> on the folder,
/// <c>promtool check rules</c> on every rule file, <c>promtool test rules</c> on every test file.
/// </summary>
public static class RuleTestRun
{
    public static RuleReport Run(RuleTestOptions options)
    {
        var tenants = RuleLayout.Discover(options.RulesDirectory, options.TestsDirectory);
        var resolver = new ToolResolver(
            options.PathVariable,
            Mount.SamePath([options.Root, options.RulesDirectory, options.TestsDirectory])
        );

        var promtool = resolver.Resolve(RuleTool.Promtool, options.PromtoolPath);
        if (promtool.Tool is null)
        {
            throw new BuildException(
                promtool.MissingMessage + " Without promtool no rule is checked or tested."
            );
        }
        var mimirtool = resolver.Resolve(
            MimirtoolTool.For(Path.Combine(options.Root, "stack")),
            options.MimirtoolPath
        );

        var report = new RuleReport();
        report.ToolLines.Add("Using " + promtool.Tool.Describe());
        report.ToolLines.Add(
            mimirtool.Tool is { } found
                ? "Using " + found.Describe()
                : "Skipping mimirtool: " + mimirtool.MissingMessage
        );

        string Display(string path) => DisplayPath(options.Root, path);
        var promtoolRunner = new PromtoolRunner(promtool.Tool, Display);
        var mimirtoolRunner = mimirtool.Tool is null
            ? null
            : new MimirtoolRunner(mimirtool.Tool, Display);

        foreach (var tenant in tenants)
        {
            var folder = Display(tenant.RulesDirectory);
            if (tenant.RuleFiles.Count == 0)
            {
                report.Add(
                    new RuleCheck(
                        tenant.Tenant,
                        "rule files",
                        folder,
                        folder,
                        null,
                        CheckStatus.Failed,
                        $"No rule file in {folder}, but tests for tenant {tenant.Tenant} exist."
                    )
                );
            }
            else if (mimirtoolRunner is null)
            {
                foreach (
                    var stage in new[] { MimirtoolRunner.CheckStage, MimirtoolRunner.LintStage }
                )
                {
                    report.Add(
                        new RuleCheck(
                            tenant.Tenant,
                            stage,
                            folder,
                            folder,
                            null,
                            CheckStatus.Skipped,
                            mimirtool.MissingMessage
                        )
                    );
                }
            }
            else
            {
                report.Add(mimirtoolRunner.Check(tenant));
                report.Add(mimirtoolRunner.Lint(tenant));
            }

            foreach (var ruleFile in tenant.RuleFiles)
            {
                report.Add(promtoolRunner.CheckRules(tenant.Tenant, ruleFile));
            }
            // Each test file is read once: for its conventions, promtool's report and the alerts it tests.
            var tested = new HashSet<string>(StringComparer.Ordinal);
            foreach (var testFile in tenant.TestFiles)
            {
                var spec = PromtoolTestFile.TryRead(testFile);
                if (spec is not null)
                {
                    report.AddRange(TestConventions.Check(tenant.Tenant, spec, Display));
                    tested.UnionWith(spec.Groups.SelectMany(g => g.Alerts));
                }
                report.AddRange(promtoolRunner.TestRules(tenant.Tenant, testFile, spec));
            }
            report.AddRange(
                UntestedAlerts(
                    tenant,
                    tested,
                    Display(Path.Combine(options.TestsDirectory, tenant.Tenant)),
                    Display
                )
            );
        }
        return report;
    }

    /// <summary>Every alert of the tenant's rule files that no alert_rule_test of its test files names.</summary>
    private static IEnumerable<RuleCheck> UntestedAlerts(
        TenantRules tenant,
        HashSet<string> tested,
        string testFolder,
        Func<string, string> display
    )
    {
        var alerts = PromtoolTestFile
            .AlertsByRuleFile(tenant.RuleFiles)
            .OrderBy(a => a.Key, StringComparer.Ordinal);
        foreach (var (alert, file) in alerts.Where(a => !tested.Contains(a.Key)))
        {
            var shown = display(file);
            yield return new RuleCheck(
                tenant.Tenant,
                "test coverage",
                $"alert {alert}",
                shown,
                shown,
                CheckStatus.Failed,
                $"Alert {alert} ({shown}) has no alert_rule_test in {testFolder}."
            );
        }
    }

    /// <summary>A path relative to the repository root when it is inside it, else absolute.</summary>
    public static string DisplayPath(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? path
            : relative.Replace('\\', '/');
    }
}
