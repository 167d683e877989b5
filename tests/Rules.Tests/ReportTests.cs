using Build.Rules.Report;

namespace Rules.Tests;

/// <summary>How the report is printed: summary table, GitHub annotations.</summary>
[TestFixture]
public sealed class ReportTests
{
    private static RuleReport Sample()
    {
        var report = new RuleReport();
        report.Add(
            new RuleCheck(
                "b-tenant",
                "promtool check rules",
                "r.yaml",
                "r.yaml",
                "r.yaml",
                CheckStatus.Passed
            )
        );
        report.Add(
            new RuleCheck(
                "a-tenant",
                "promtool test rules",
                "group \"g\" alert A",
                "t.yaml",
                "r.yaml",
                CheckStatus.Failed,
                "exp:[]\ngot:[x]"
            )
        );
        report.Add(
            new RuleCheck(
                "a-tenant",
                "mimirtool rules lint",
                "dir",
                "dir",
                null,
                CheckStatus.Skipped,
                "mimirtool not found"
            )
        );
        return report;
    }

    [Test]
    public void The_summary_table_has_a_row_per_tenant_and_a_total()
    {
        var table = ReportPrinter.SummaryTable(Sample().Summaries());

        Assert.That(
            table,
            Is.EqualTo(
                new[]
                {
                    "tenant   | passed | failed | skipped | total",
                    "---------+--------+--------+---------+------",
                    "a-tenant |      0 |      1 |       1 |     2",
                    "b-tenant |      1 |      0 |       0 |     1",
                    "---------+--------+--------+---------+------",
                    "total    |      1 |      1 |       1 |     3",
                }
            )
        );
    }

    [Test]
    public void Failures_become_GitHub_error_annotations_on_their_file()
    {
        var annotations = GitHubAnnotations.Errors(Sample()).ToList();

        Assert.That(
            annotations,
            Is.EqualTo(
                new[]
                {
                    "::error file=t.yaml,title=promtool test rules%3A group \"g\" alert A::exp:[]%0Agot:[x]",
                }
            )
        );
    }

    [Test]
    public void A_skip_fails_the_verdict_only_when_strict()
    {
        var report = new RuleReport();
        report.Add(
            new RuleCheck(
                "t",
                "mimirtool rules check",
                "dir",
                "dir",
                null,
                CheckStatus.Skipped,
                "mimirtool not found: install it."
            )
        );

        Assert.That(report.Verdict(strict: false), Is.Null);
        Assert.That(
            report.Verdict(strict: true),
            Is.EqualTo(
                "1 rule check(s) skipped and --strict is set: mimirtool not found: install it."
            )
        );
        Assert.That(
            Sample().Verdict(strict: false),
            Is.EqualTo("1 rule check(s) failed in t.yaml.")
        );
    }
}
