using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Build.Rules.Report;

/// <summary>
/// Writes the report as JUnit XML: one testsuite per tenant, one testcase per check (classname = tenant and
/// stage), with failure or skipped elements carrying the tools' own words.
/// </summary>
public static class JUnitWriter
{
    public static XDocument ToXml(RuleReport report)
    {
        var summaries = report.Summaries();
        var suites = new XElement(
            "testsuites",
            new XAttribute("name", "TestRules"),
            Counts(
                summaries.Sum(s => s.Total),
                summaries.Sum(s => s.Failed),
                summaries.Sum(s => s.Skipped)
            )
        );
        foreach (var summary in summaries)
        {
            var suite = new XElement(
                "testsuite",
                new XAttribute("name", summary.Tenant),
                Counts(summary.Total, summary.Failed, summary.Skipped)
            );
            foreach (var check in report.Checks.Where(c => c.Tenant == summary.Tenant))
            {
                suite.Add(TestCase(check));
            }
            suites.Add(suite);
        }
        return new XDocument(new XDeclaration("1.0", "utf-8", null), suites);
    }

    public static void Write(RuleReport report, string path)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using var writer = XmlWriter.Create(path, settings);
        ToXml(report).Save(writer);
    }

    private static XElement TestCase(RuleCheck check)
    {
        var testCase = new XElement(
            "testcase",
            new XAttribute("classname", $"{check.Tenant}.{check.Stage}"),
            new XAttribute("name", check.Subject),
            new XAttribute("file", check.File)
        );
        var detail = check.TestAndRuleFile is { } files
            ? $"{files}\n{check.Detail}"
            : check.Detail ?? string.Empty;
        if (check.Status == CheckStatus.Failed)
        {
            var message = detail.Split('\n').FirstOrDefault(l => l.Trim().Length > 0) ?? "failed";
            testCase.Add(new XElement("failure", new XAttribute("message", message), detail));
        }
        else if (check.Status == CheckStatus.Skipped)
        {
            testCase.Add(
                new XElement("skipped", new XAttribute("message", check.Detail ?? "skipped"))
            );
        }
        return testCase;
    }

    private static XAttribute[] Counts(int tests, int failures, int skipped) =>
        [
            new("tests", tests.ToString(CultureInfo.InvariantCulture)),
            new("failures", failures.ToString(CultureInfo.InvariantCulture)),
            new("errors", "0"),
            new("skipped", skipped.ToString(CultureInfo.InvariantCulture)),
        ];
}
