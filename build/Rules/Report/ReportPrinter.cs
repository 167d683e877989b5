using System.Globalization;
using System.Text;

namespace Build.Rules.Report;

/// <summary>One line of the text report; failures go to the error stream, so they show at any verbosity.</summary>
public sealed record PrintedLine(string Text, bool IsFailure);

/// <summary>
/// The text report: one line per check (status, tenant, stage, subject, files), the tool's own words under a
/// failure, then a summary table per tenant.
/// </summary>
public static class ReportPrinter
{
    public static IReadOnlyList<PrintedLine> Lines(RuleReport report)
    {
        var lines = report.ToolLines.Select(l => new PrintedLine(l, false)).ToList();
        foreach (var check in report.Checks)
        {
            var failed = check.Status == CheckStatus.Failed;
            lines.Add(new PrintedLine(Line(check), failed));
            // A skip's reason is the tool line above; a failure shows the tool's own words under it.
            if (failed && check.Detail is { Length: > 0 } detail)
            {
                lines.AddRange(
                    detail.Split('\n').Select(l => new PrintedLine("      " + l.TrimEnd(), true))
                );
            }
        }
        lines.Add(new PrintedLine(string.Empty, false));
        lines.AddRange(SummaryTable(report.Summaries()).Select(l => new PrintedLine(l, false)));
        return lines;
    }

    public static string Line(RuleCheck check)
    {
        var status = check.Status switch
        {
            CheckStatus.Passed => "passed ",
            CheckStatus.Failed => "FAILED ",
            _ => "skipped",
        };
        var text = new StringBuilder($"{status} [{check.Tenant}] {check.Stage}: {check.Subject}");
        if (check.Status == CheckStatus.Failed && check.Subject != check.File)
        {
            text.Append($" ({check.TestAndRuleFile ?? $"file {check.File}"})");
        }
        return text.ToString();
    }

    public static IReadOnlyList<string> SummaryTable(IReadOnlyList<TenantSummary> summaries)
    {
        var rows = summaries
            .Select(s =>
                new[]
                {
                    s.Tenant,
                    Number(s.Passed),
                    Number(s.Failed),
                    Number(s.Skipped),
                    Number(s.Total),
                }
            )
            .ToList();
        rows.Add([
            "total",
            Number(summaries.Sum(s => s.Passed)),
            Number(summaries.Sum(s => s.Failed)),
            Number(summaries.Sum(s => s.Skipped)),
            Number(summaries.Sum(s => s.Total)),
        ]);
        string[] header = ["tenant", "passed", "failed", "skipped", "total"];
        var widths = header
            .Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max())
            .ToArray();
        string Row(string[] cells) =>
            string.Join(
                    " | ",
                    cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))
                )
                .TrimEnd();
        var lines = new List<string>
        {
            Row(header),
            string.Join("-+-", widths.Select(w => new string('-', w))),
        };
        lines.AddRange(rows.Take(rows.Count - 1).Select(Row));
        lines.Add(string.Join("-+-", widths.Select(w => new string('-', w))));
        lines.Add(Row(rows[^1]));
        return lines;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
