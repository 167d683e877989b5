using Build.Validation;

namespace Validate.Tests;

[TestFixture]
public sealed class RealStackTests
{
    [Test]
    public void Static_layers_find_no_error_in_the_real_stack()
    {
        using var stack = StackCopy.Create();
        var report = stack.Validate("1-3");
        Assert.That(report.Errors, Is.Zero, string.Join("\n", report.Lines()));
        Assert.That(
            report.Skipped,
            Is.Empty,
            "layers 1-3 run no external checker, so nothing can be skipped"
        );
    }

    [Test]
    public void Real_checkers_accept_the_real_stack()
    {
        RealTools.RequireAll();
        using var stack = StackCopy.Create();
        var report = stack.Validate("1-4");
        Assert.That(report.Errors, Is.Zero, string.Join("\n", report.Lines()));
        Assert.That(
            report.Skipped.Select(s => s.Checker),
            Has.None.Matches<string>(c =>
                c != null
                && (c.Contains("promtool") || c.Contains("amtool") || c.Contains("compose"))
            ),
            "promtool, amtool and docker-compose are installed: they must run, not be skipped"
        );
    }

    [Test]
    public void Strict_turns_every_skipped_checker_into_an_error()
    {
        using var stack = StackCopy.Create();
        var lenient = stack.Validate("1-4");
        var strict = stack.Validate("1-4", strict: true);
        var strictErrors = strict.Findings.Count(f =>
            f.Severity == Severity.Error && f.Message.Contains("could not run (--strict)")
        );
        Assert.That(
            strictErrors,
            Is.EqualTo(lenient.Skipped.Count),
            string.Join("\n", strict.Lines())
        );
        Assert.That(strict.HasErrors, Is.EqualTo(lenient.Skipped.Count > 0 || lenient.HasErrors));
    }

    [Test]
    public void Findings_are_printed_sorted_as_path_line_col_severity_message()
    {
        using var stack = StackCopy.Create();
        stack.Edit(
            "stack/config/loki/loki.yaml",
            "  retention_enabled: true",
            "  retention_enabeld: true"
        );
        stack.Edit(
            "stack/config/tempo/tempo.yaml",
            "endpoint: \"0.0.0.0:4317\"",
            "endpoint: \"localhost:4317\""
        );
        stack.Edit("stack/config/loki/loki.yaml", "auth_enabled: true", "auth_enabled: false");
        var report = stack.Validate("1-3");
        var lines = report.Lines().ToList();
        Assert.That(lines, Has.Count.GreaterThanOrEqualTo(3));
        Assert.That(lines, Has.All.Match(@"^stack/[^:]+:\d+:\d+: (error|warning): \S.*$"));
        Assert.That(
            lines,
            Is.EqualTo(
                lines
                    .OrderBy(l => l.Split(':')[0], StringComparer.Ordinal)
                    .ThenBy(l => int.Parse(l.Split(':')[1]))
                    .ToList()
            )
        );
        Assert.That(
            report.Summary(),
            Does.Match(@"^Validate: \d+ errors?, \d+ warnings?, 0 checks skipped$")
        );
    }

    [Test]
    public void A_file_that_does_not_parse_reports_its_parse_error_and_nothing_it_causes()
    {
        using var stack = StackCopy.Create();
        var broken = new Dictionary<string, string>
        {
            ["stack/docker-compose.yaml"] = "broken: [\n",
            ["stack/env.yaml"] = "broken: [\n",
            ["stack/metrics.yaml"] = "broken: [\n",
            ["stack/config/loki/loki.yaml"] = "broken: [\n",
            ["stack/config/mimir/mimir.yaml"] = "broken: [\n",
            ["stack/config/tempo/tempo.yaml"] = "broken: [\n",
            ["stack/config/grafana/provisioning/datasources/datasources.yaml"] = "broken: [\n",
            ["stack/config/grafana/dashboards/stack-health.json"] = "x",
            ["stack/config/alloy/config.alloy"] = "\nbroken {\n",
        };
        foreach (var (path, text) in broken)
        {
            File.AppendAllText(Path.Combine(stack.Root, path), text);
        }
        var report = stack.Validate("1-3");
        Assert.That(
            report.Findings.Select(f => f.Path),
            Is.EquivalentTo(broken.Keys),
            string.Join("\n", report.Lines())
        );
        Assert.That(
            report.Findings.Select(f => f.Message),
            Has.All.Match("^(YAML|JSON|Alloy) syntax: ")
        );
    }

    [Test]
    public void A_missing_stack_folder_is_one_clear_error()
    {
        var root = Path.Combine(
            Path.GetTempPath(),
            "validate-tests",
            "empty-" + Guid.NewGuid().ToString("N")[..8]
        );
        Directory.CreateDirectory(root);
        var report = StackValidator.Run(new ValidationOptions { Root = root });
        Directory.Delete(root, true);

        Assert.That(
            report.Findings.Select(f => f.Message),
            Is.EqualTo(
                new[]
                {
                    $"the stack folder {Path.Combine(root, "stack")} does not exist (--stack-dir names the folder holding docker-compose.yaml)",
                }
            ),
            "one finding, and no checker runs on a folder that is not there"
        );
        Assert.That(report.Skipped, Is.Empty);
    }

    [TestCase("1-3", new[] { 1, 2, 3 })]
    [TestCase("1,4", new[] { 1, 4 })]
    [TestCase("2", new[] { 2 })]
    public void Layer_lists_parse(string text, int[] expected) =>
        Assert.That(ValidationOptions.ParseLayers(text), Is.EquivalentTo(expected));

    [TestCase("0-3")]
    [TestCase("5")]
    [TestCase("3-1")]
    [TestCase("x")]
    public void Bad_layer_lists_are_refused(string text) =>
        Assert.Throws<FormatException>(() => ValidationOptions.ParseLayers(text));
}
