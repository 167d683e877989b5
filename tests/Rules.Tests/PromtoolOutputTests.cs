using Build.Rules;
using Build.Rules.Promtool;
using Build.Rules.Report;
using Build.Tools;
using Build.Validation.Reference;

namespace Rules.Tests;

/// <summary>What the real promtool prints for a failing test file, read into report lines.</summary>
[TestFixture]
public sealed class PromtoolOutputTests
{
    private static readonly string FailingTest = Path.Combine(
        Fixtures.Tests("failing-test"),
        "fixture-tenant",
        "failing.test.yaml"
    );
    private static readonly string FixtureRules = Path.Combine(
        Fixtures.Rules("failing-test"),
        "fixture-tenant",
        "fixture.yaml"
    );

    private static ProcessResult RunRealPromtool(string testFile) =>
        CommandRunner.Run(Fixtures.RealPromtool, ["test", "rules", testFile]);

    [Test]
    public void Parses_the_alert_and_expression_failures_of_a_real_promtool_run()
    {
        var result = RunRealPromtool(FailingTest);
        Assert.That(
            result.ExitCode,
            Is.Not.Zero,
            "the fixture is meant to fail:\n" + result.Output
        );

        var failures = PromtoolTestOutput.Parse(result.Output);

        Assert.That(failures, Has.Count.EqualTo(2), result.Output);
        var alert = failures.Single(f => f.Alert is not null);
        Assert.That(alert.Group, Is.EqualTo("fixture down, wrongly expected too early"));
        Assert.That(alert.Alert, Is.EqualTo("FixtureDown"));
        Assert.That(alert.Time, Is.EqualTo("6m"));
        Assert.That(alert.Detail, Does.Contain("exp:[").And.Contain("got:[]"));
        Assert.That(
            alert.Detail,
            Does.Contain("Labels:{alertname=\"FixtureDown\", instance=\"fixture:1234\"")
        );
        var expression = failures.Single(f => f.Expression is not null);
        Assert.That(expression.Expression, Is.EqualTo("up{job=\"fixture\"}"));
        Assert.That(
            expression.Detail,
            Does.Contain("exp: {__name__=\"up\"").And.Contain("got: {__name__=\"up\"")
        );
    }

    [Test]
    public void A_real_run_becomes_one_line_per_group_and_alert_attributed_to_test_and_rule_file()
    {
        var spec = PromtoolTestFile.TryRead(FailingTest);
        var runner = new PromtoolRunner(
            new ResolvedTool(RuleTool.Promtool, ToolSource.Path, Fixtures.RealPromtool, []),
            p => p
        );

        var checks = runner.Results(
            "fixture-tenant",
            FailingTest,
            spec,
            RunRealPromtool(FailingTest)
        );

        Assert.That(
            checks.Select(c => (c.Subject, c.Status)),
            Is.EqualTo(
                new[]
                {
                    ("group \"fixture up\" alert FixtureDown", CheckStatus.Passed),
                    (
                        "group \"fixture down, wrongly expected too early\" alert FixtureDown",
                        CheckStatus.Failed
                    ),
                    (
                        "group \"fixture down, wrongly expected too early\" 1 expression test(s)",
                        CheckStatus.Failed
                    ),
                }
            )
        );
        Assert.That(checks.Select(c => c.File), Is.All.EqualTo(FailingTest));
        Assert.That(checks.Select(c => c.RuleFile), Is.All.EqualTo(FixtureRules));
        Assert.That(checks[1].Detail, Does.StartWith("alertname: FixtureDown, time: 6m,"));
        Assert.That(
            ReportPrinter.Line(checks[1]),
            Does.Contain($"(test file {FailingTest}, rule file {FixtureRules})")
        );
    }

    [Test]
    public void A_passing_real_run_marks_every_group_passed()
    {
        var testFile = Path.Combine(
            Fixtures.Tests("passing"),
            "fixture-tenant",
            "fixture.test.yaml"
        );
        var runner = new PromtoolRunner(
            new ResolvedTool(RuleTool.Promtool, ToolSource.Path, Fixtures.RealPromtool, []),
            p => p
        );

        var checks = runner.TestRules("fixture-tenant", testFile);

        Assert.That(checks, Has.Count.EqualTo(3));
        Assert.That(checks.Select(c => c.Status), Is.All.EqualTo(CheckStatus.Passed));
    }

    [Test]
    public void A_test_whose_rule_file_does_not_load_fails_as_a_whole()
    {
        using var temp = new TempFolder();
        var testFile = Path.Combine(temp.Path, "orphan.test.yaml");
        File.WriteAllText(
            testFile,
            "rule_files: [missing.yaml]\nevaluation_interval: 1m\ntests:\n  - name: g\n    interval: 1m\n    input_series: []\n    alert_rule_test:\n      - eval_time: 1m\n        alertname: X\n        exp_alerts: []\n"
        );
        var runner = new PromtoolRunner(
            new ResolvedTool(RuleTool.Promtool, ToolSource.Path, Fixtures.RealPromtool, []),
            p => p
        );

        var checks = runner.TestRules("t", testFile);

        Assert.That(checks, Has.Count.EqualTo(1));
        Assert.That(checks[0].Status, Is.EqualTo(CheckStatus.Failed));
        Assert.That(checks[0].Subject, Is.EqualTo("test file"));
        Assert.That(checks[0].Detail, Does.Contain("missing.yaml"));
    }

    [Test]
    public void A_test_of_an_alert_its_rule_files_do_not_define_fails_although_promtool_passes_it()
    {
        using var temp = new TempFolder();
        var testFile = Path.Combine(temp.Path, "typo.test.yaml");
        File.WriteAllText(
            testFile,
            $"rule_files: [{FixtureRules}]\nevaluation_interval: 1m\ntests:\n  - name: g\n    interval: 1m\n    input_series: []\n    alert_rule_test:\n      - eval_time: 1m\n        alertname: FixtureDwon\n        exp_alerts: []\n"
        );
        var runner = new PromtoolRunner(
            new ResolvedTool(RuleTool.Promtool, ToolSource.Path, Fixtures.RealPromtool, []),
            p => p
        );

        var checks = runner.TestRules("t", testFile);

        Assert.That(checks, Has.Count.EqualTo(1));
        Assert.That(checks[0].Status, Is.EqualTo(CheckStatus.Failed));
        Assert.That(
            checks[0].Detail,
            Is.EqualTo(
                "alert FixtureDwon is defined in none of the test's rule files: this test checks nothing."
            )
        );
    }

    [Test]
    public void An_expression_failure_promtool_prints_without_its_group_name_is_placed_in_its_own_group()
    {
        // promtool names the group before alert failures only: group B's expression failure follows group A's
        // alert failure without a name line of its own.
        using var temp = new TempFolder();
        var testFile = Path.Combine(temp.Path, "two-groups.test.yaml");
        File.WriteAllText(
            testFile,
            $$$"""
            rule_files: [{{{FixtureRules}}}]
            evaluation_interval: 1m
            tests:
              - name: A
                interval: 15s
                input_series:
                  - series: 'up{instance="fixture:1234",job="fixture"}'
                    values: '1x40'
                alert_rule_test:
                  - eval_time: 9m
                    alertname: FixtureDown
                    exp_alerts: [{exp_labels: {severity: critical}}]
              - name: B
                interval: 15s
                input_series:
                  - series: 'up{instance="fixture:1234",job="fixture"}'
                    values: '1x40'
                alert_rule_test:
                  - eval_time: 9m
                    alertname: FixtureDown
                    exp_alerts: []
                promql_expr_test:
                  - expr: up{job="fixture"} * 2
                    eval_time: 5m
                    exp_samples: [{labels: '{instance="fixture:1234",job="fixture"}', value: 3}]
            """
        );
        var runner = new PromtoolRunner(
            new ResolvedTool(RuleTool.Promtool, ToolSource.Path, Fixtures.RealPromtool, []),
            p => p
        );

        var checks = runner.TestRules("t", testFile);

        Assert.That(
            checks.Select(c => (c.Subject, c.Status)),
            Is.EqualTo(
                new[]
                {
                    ("group \"A\" alert FixtureDown", CheckStatus.Failed),
                    ("group \"B\" alert FixtureDown", CheckStatus.Passed),
                    ("group \"B\" 1 expression test(s)", CheckStatus.Failed),
                }
            )
        );
        Assert.That(
            checks[2].Detail,
            Does.StartWith("expr: \"up{job=\\\"fixture\\\"} * 2\", time: 5m,")
        );
    }

    [Test]
    public void Go_quoted_expressions_are_unquoted()
    {
        Assert.That(
            PromtoolTestOutput.Unquote("\"sum by (job) (up{job=\\\"a\\\\b\\\"})\""),
            Is.EqualTo("sum by (job) (up{job=\"a\\b\"})")
        );
    }

    [TestCase("8m", 480)]
    [TestCase("1h30m", 5400)]
    [TestCase("90s", 90)]
    public void Durations_as_promtool_prints_them(string text, int seconds) =>
        Assert.That(ValueKinds.Seconds(text), Is.EqualTo(seconds));
}
