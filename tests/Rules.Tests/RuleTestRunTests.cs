using Build.Host;
using Build.Rules;
using Build.Rules.Mimirtool;
using Build.Rules.Report;
using Build.Tools;

namespace Rules.Tests;

/// <summary>
/// The whole run on a PATH the test controls: the real promtool (linked in), mimirtool missing or a double
/// (mimirtool cannot be installed here; its parsing of files is mimirtool's business, the double only answers).
/// </summary>
[TestFixture]
public sealed class RuleTestRunTests
{
    private TempFolder _temp = null!;
    private string _bin = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempFolder();
        _bin = _temp.Sub("bin");
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private RuleReport Run(string set, string? promtool = null) =>
        RuleTestRun.Run(
            new RuleTestOptions(
                Fixtures.Root,
                Fixtures.Rules(set),
                Fixtures.Tests(set),
                promtool,
                null,
                _bin
            )
        );

    /// <summary>A mimirtool double: "rules check" exits with <paramref name="checkExit"/>, "rules lint" prints <paramref name="lintLine"/> like mimirtool's logger.</summary>
    private void MimirtoolDouble(int checkExit, string lintLine) =>
        _temp.Script(
            _bin,
            "mimirtool",
            $"""
            case "$2" in
              check) echo 'check output of the double' >&2; exit {checkExit} ;;
              lint) echo 'time="2026-11-26T08:00:00Z" level=info msg="{lintLine}"' >&2; exit 0 ;;
            esac
            exit 3
            """
        );

    [Test]
    public void A_missing_mimirtool_is_skipped_with_its_install_hint_and_the_run_passes_unless_strict()
    {
        TempFolder.LinkRealTool(_bin, "promtool");

        var report = Run("passing");

        var skips = report.Skips.ToList();
        Assert.That(
            skips.Select(s => s.Stage),
            Is.EquivalentTo(new[] { MimirtoolRunner.CheckStage, MimirtoolRunner.LintStage })
        );
        Assert.That(
            skips.Select(s => s.Detail),
            Is.All.Contain("mimirtool not found").And.All.Contain("--mimirtool=PATH")
        );
        Assert.That(report.Failures, Is.Empty);
        Assert.That(
            report.Checks.Count(c => c.Status == CheckStatus.Passed),
            Is.EqualTo(4),
            "promtool check + 3 test lines"
        );
        Assert.That(report.Verdict(strict: false), Is.Null);
        Assert.That(
            report.Verdict(strict: true),
            Does.StartWith("2 rule check(s) skipped and --strict is set: mimirtool not found")
        );
    }

    [Test]
    public void Without_promtool_nothing_is_tested_and_the_run_is_an_error()
    {
        var error = Assert.Throws<BuildException>(() => Run("passing"));

        Assert.That(
            error!.Message,
            Does.StartWith("promtool not found (not on PATH, no docker CLI")
        );
        Assert.That(error.Message, Does.Contain("apt-get install prometheus"));
    }

    [Test]
    public void An_explicit_promtool_path_is_used_even_when_PATH_has_none()
    {
        var report = Run("passing", promtool: Fixtures.RealPromtool);

        Assert.That(
            report.ToolLines[0],
            Is.EqualTo($"Using promtool {Fixtures.RealPromtool} (--promtool)")
        );
        Assert.That(report.Failures, Is.Empty);
    }

    [Test]
    public void Mimirtool_check_and_clean_lint_pass()
    {
        TempFolder.LinkRealTool(_bin, "promtool");
        MimirtoolDouble(0, "SUCCESS: 1 rules found, 0 linted expressions");

        var report = Run("passing");

        var mimirtool = report
            .Checks.Where(c => c.Stage.StartsWith("mimirtool", StringComparison.Ordinal))
            .ToList();
        Assert.That(
            mimirtool.Select(c => c.Status),
            Is.EqualTo(new[] { CheckStatus.Passed, CheckStatus.Passed })
        );
        Assert.That(report.Verdict(strict: true), Is.Null);
    }

    [Test]
    public void Mimirtool_check_failure_and_lint_rewrites_fail_the_run_naming_the_folder()
    {
        TempFolder.LinkRealTool(_bin, "promtool");
        MimirtoolDouble(1, "SUCCESS: 1 rules found, 1 linted expressions");

        var report = Run("passing");

        var failures = report.Failures.ToList();
        Assert.That(
            failures.Select(f => f.Stage),
            Is.EqualTo(new[] { MimirtoolRunner.CheckStage, MimirtoolRunner.LintStage })
        );
        Assert.That(failures[0].Detail, Does.Contain("check output of the double"));
        Assert.That(
            failures[1].Detail,
            Does.Contain("1 expression(s) are not in PromQL's canonical one-line form")
        );
        Assert.That(
            report.Verdict(strict: false),
            Does.Contain("tests/Rules.Tests/Fixtures/passing/rules/fixture-tenant")
        );
    }

    [Test]
    public void A_lint_run_without_its_summary_line_fails()
    {
        var status = MimirtoolRunner.LintStatus(
            new ProcessResult(0, "something else", string.Empty, false),
            out var detail
        );

        Assert.That(status, Is.EqualTo(CheckStatus.Failed));
        Assert.That(
            detail,
            Does.StartWith("mimirtool printed no '<n> rules found, <m> linted expressions' line")
        );
    }

    [Test]
    public void An_alert_without_any_unit_test_fails_the_coverage_check()
    {
        TempFolder.LinkRealTool(_bin, "promtool");

        var report = Run("broken-rule");

        var coverage = report.Failures.Single(f => f.Stage == "test coverage");
        Assert.That(coverage.Subject, Is.EqualTo("alert BrokenExpression"));
    }

    [Test]
    public void The_repository_rules_pass_their_unit_tests_with_the_real_promtool()
    {
        TempFolder.LinkRealTool(_bin, "promtool");
        var options = new RuleTestOptions(
            Fixtures.Root,
            Path.Combine(Fixtures.Root, "stack", "config", "mimir", "rules"),
            Path.Combine(Fixtures.Root, "tests", "rules"),
            null,
            null,
            _bin
        );

        var report = RuleTestRun.Run(options);

        Assert.That(report.Failures.Select(ReportPrinter.Line), Is.Empty);
        Assert.That(
            report.Summaries().Select(s => s.Tenant),
            Is.EqualTo(new[] { "caro-backend-prod", "caro-backend-staging", "infra-monitoring" })
        );
        var tested = report
            .Checks.Where(c => c.Stage == "promtool test rules")
            .Select(c => c.Subject)
            .ToList();
        foreach (
            var alert in new[]
            {
                "CaroDemoDown",
                "HighHTTPErrorRate",
                "HighHTTPLatencyP95",
                "AlloyDown",
                "LokiDown",
                "MimirDown",
                "TempoDown",
                "AlloyExporterFailing",
                "AlloyRemoteWriteFailing",
                "MimirRuleEvaluationFailing",
                "MimirAlertNotificationsFailing",
            }
        )
        {
            Assert.That(tested, Has.Some.EndsWith("alert " + alert), alert);
        }
    }
}
