using Build.Rules.Report;
using Build.Tools;
using Build.Validation.Reference;

namespace Build.Rules.Promtool;

/// <summary>Runs <c>promtool check rules</c> on each rule file and <c>promtool test rules</c> on each test file.</summary>
public sealed class PromtoolRunner(ResolvedTool promtool, Func<string, string> display)
{
    public const string CheckStage = "promtool check rules";
    public const string TestStage = "promtool test rules";

    public RuleCheck CheckRules(string tenant, string ruleFile)
    {
        var result = Run("check", "rules", ruleFile);
        var subject = display(ruleFile);
        var status = result.Succeeded ? CheckStatus.Passed : CheckStatus.Failed;
        var detail = result.Succeeded ? Summary(result.Output) : Trimmed(result);
        return new RuleCheck(tenant, CheckStage, subject, subject, subject, status, detail);
    }

    /// <summary>Runs the test file; <paramref name="spec"/> is what it holds when the caller read it already.</summary>
    public IReadOnlyList<RuleCheck> TestRules(
        string tenant,
        string testFile,
        PromtoolTestFile? spec = null
    ) =>
        Results(
            tenant,
            testFile,
            spec ?? PromtoolTestFile.TryRead(testFile),
            Run("test", "rules", testFile)
        );

    /// <summary>Turns one promtool run into report lines: one per test group and alert (public for tests).</summary>
    public IReadOnlyList<RuleCheck> Results(
        string tenant,
        string testFile,
        PromtoolTestFile? spec,
        ProcessResult result
    )
    {
        var file = display(testFile);
        RuleCheck WholeFile(CheckStatus status, string? detail) =>
            new(
                tenant,
                TestStage,
                "test file",
                file,
                spec is null ? null : RuleFiles(spec, null),
                status,
                detail
            );

        var failures = result.Succeeded ? [] : PromtoolTestOutput.Parse(result.Output);
        if (
            spec is not null
            && spec.RuleFiles.FirstOrDefault(f => !IsGlob(f) && !System.IO.File.Exists(f))
                is { } missing
        )
        {
            // promtool only warns about a rule_files entry that matches nothing, then passes tests that test nothing.
            return
            [
                WholeFile(
                    CheckStatus.Failed,
                    $"rule_files entry {display(missing)} matches no file: promtool would only warn and test nothing."
                ),
            ];
        }
        if (spec is null || spec.Groups.Count == 0)
        {
            return
            [
                WholeFile(
                    result.Succeeded ? CheckStatus.Passed : CheckStatus.Failed,
                    result.Succeeded ? null : Trimmed(result)
                ),
            ];
        }
        var fileLevel = failures
            .Where(f => f.Group is null && f.Alert is null && f.Expression is null)
            .ToList();
        if (!result.Succeeded && (failures.Count == 0 || fileLevel.Count == failures.Count))
        {
            // Nothing ran (a rule file does not load, bad YAML, ...): the file fails as a whole.
            return [WholeFile(CheckStatus.Failed, Trimmed(result))];
        }

        var checks = new List<RuleCheck>();
        var used = new HashSet<PromtoolFailure>();
        foreach (var group in spec.Groups)
        {
            var inGroup = failures
                .Where(f =>
                    f.Expression is null
                    && (f.Group == group.Name || (!group.Named && f.Group is null))
                )
                .Concat(
                    failures.Where(f =>
                        f.Expression is not null && GroupOfExpression(spec, f) == group
                    )
                )
                .ToList();
            var groupWide = inGroup.Where(f => f.Alert is null && f.Expression is null).ToList();
            foreach (var alert in group.Alerts)
            {
                var mine = inGroup.Where(f => f.Alert == alert).Concat(groupWide).ToList();
                if (spec.RuleFileOf(alert) is null && !spec.RuleFiles.Any(IsGlob))
                {
                    mine.Add(
                        new PromtoolFailure(
                            group.Name,
                            alert,
                            null,
                            null,
                            $"alert {alert} is defined in none of the test's rule files: this test checks nothing."
                        )
                    );
                }
                checks.Add(Line(group, $"alert {alert}", RuleFiles(spec, alert), mine));
                used.UnionWith(mine);
            }
            if (group.Expressions.Count > 0)
            {
                var mine = inGroup.Where(f => f.Expression is not null).Concat(groupWide).ToList();
                checks.Add(
                    Line(
                        group,
                        $"{group.Expressions.Count} expression test(s)",
                        RuleFiles(spec, null),
                        mine
                    )
                );
                used.UnionWith(mine);
            }
            if (group.Alerts.Count == 0 && group.Expressions.Count == 0)
            {
                checks.Add(Line(group, "no assertions", RuleFiles(spec, null), groupWide));
                used.UnionWith(groupWide);
            }
        }
        // Never drop a failure promtool reported, even one this report cannot place.
        foreach (var stray in failures.Where(f => !used.Contains(f)))
        {
            var subject = stray.Group is null ? "test file" : $"group \"{stray.Group}\"";
            checks.Add(
                new RuleCheck(
                    tenant,
                    TestStage,
                    subject,
                    file,
                    RuleFiles(spec, stray.Alert),
                    CheckStatus.Failed,
                    stray.Detail
                )
            );
        }
        if (!result.Succeeded && !checks.Any(c => c.Status == CheckStatus.Failed))
        {
            checks.Add(WholeFile(CheckStatus.Failed, Trimmed(result)));
        }
        return checks;

        RuleCheck Line(
            TestGroupSpec group,
            string what,
            string ruleFile,
            List<PromtoolFailure> mine
        ) =>
            new(
                tenant,
                TestStage,
                $"group \"{group.Name}\" {what}",
                file,
                ruleFile,
                mine.Count == 0 ? CheckStatus.Passed : CheckStatus.Failed,
                mine.Count == 0 ? null : string.Join("\n", mine.Select(m => m.Detail))
            );
    }

    /// <summary>
    /// The group a promql_expr_test failure belongs to. promtool 2.x prints no group name before expression
    /// failures, so match the expression (and its time) against the test file.
    /// </summary>
    private static TestGroupSpec? GroupOfExpression(PromtoolTestFile spec, PromtoolFailure failure)
    {
        var candidates = spec
            .Groups.Where(g =>
                g.Expressions.Any(e => SameExpression(e.Expression, failure.Expression))
            )
            .ToList();
        if (candidates.Count == 0)
        {
            return spec.Groups.FirstOrDefault(g => g.Name == failure.Group);
        }
        var atTime = candidates
            .Where(g =>
                g.Expressions.Any(e =>
                    SameExpression(e.Expression, failure.Expression)
                    && SameTime(e.EvalTime, failure.Time)
                )
            )
            .ToList();
        var pool = atTime.Count > 0 ? atTime : candidates;
        return pool.FirstOrDefault(g => g.Name == failure.Group) ?? pool[0];
    }

    private static bool IsGlob(string path) => path.IndexOfAny(['*', '?', '[']) >= 0;

    private static bool SameExpression(string a, string? b) =>
        b is not null
        && string.Join(' ', a.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            == string.Join(' ', b.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static bool SameTime(string written, string? printed) =>
        printed is not null
        && ValueKinds.Seconds(written.Trim()) is { } a
        && ValueKinds.Seconds(printed.Trim()) is { } b
        && a == b;

    /// <summary>The rule file defining <paramref name="alert"/>, else every rule file of the test.</summary>
    private string RuleFiles(PromtoolTestFile spec, string? alert) =>
        spec.RuleFileOf(alert) is { } file
            ? display(file)
            : string.Join(", ", spec.RuleFiles.Select(display));

    private ProcessResult Run(params string[] arguments) =>
        CommandRunner.Run(promtool.Executable, promtool.Arguments(arguments));

    private static string Summary(string output) =>
        output
            .Split('\n')
            .Select(l => l.Trim())
            .FirstOrDefault(l => l.StartsWith("SUCCESS", StringComparison.Ordinal))
        ?? "SUCCESS";

    private static string Trimmed(ProcessResult result)
    {
        var text = result.Output.Trim();
        if (result.TimedOut)
        {
            text += "\n(promtool timed out)";
        }
        return text.Length == 0
            ? $"promtool exited with code {result.ExitCode} and printed nothing"
            : text;
    }
}
