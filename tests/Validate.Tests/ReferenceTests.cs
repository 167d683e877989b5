using Build.Text;
using Build.Validation;
using Build.Validation.Model;
using Build.Validation.Reference;

namespace Validate.Tests;

[TestFixture]
public sealed class ReferenceTests
{
    private static readonly KeyReference Sample = new(
        "Sample",
        "1.0",
        """
        : server limits overrides
        server: port:port timeout:dur enabled:bool
        limits~: max_series:int retention:dur
        overrides.* = limits
        """
    );

    [Test]
    public void Strict_sections_report_every_unknown_key_with_a_suggestion()
    {
        var messages = Check("server:\n  prot: 1\n  other_thing: 2\n");
        Assert.That(
            messages,
            Has.Some.Contains("unknown key 'prot' in server").And.Contains("did you mean 'port'")
        );
        Assert.That(messages, Has.Some.Contains("unknown key 'other_thing' in server"));
    }

    [Test]
    public void Partial_sections_report_only_misspellings()
    {
        var messages = Check("limits:\n  max_serie: 1\n  something_else_entirely: 2\n");
        Assert.That(messages, Has.Count.EqualTo(1));
        Assert.That(
            messages[0],
            Does.Contain("'max_serie'").And.Contains("did you mean 'max_series'")
        );
    }

    [Test]
    public void Tenant_maps_use_the_aliased_section()
    {
        var messages = Check("overrides:\n  tenant-a:\n    retention: 7\n    max_sreies: 1\n");
        Assert.That(messages, Has.Some.Contains("retention: '7' is not a duration"));
        Assert.That(
            messages,
            Has.Some.Contains("'max_sreies' in overrides.<tenant>")
                .And.Contains("did you mean 'max_series'")
        );
    }

    [TestCase("server:\n  port: \"3100\"\n", "is quoted")]
    [TestCase("server:\n  port: 70000\n", "not a port number")]
    [TestCase("server:\n  enabled: yes\n", "not a boolean")]
    [TestCase("server:\n  timeout: [1]\n", "must be a single value")]
    public void Value_kinds_are_checked(string yaml, string expected) =>
        Assert.That(Check(yaml), Has.Some.Contains(expected));

    [Test]
    public void Variables_are_left_to_the_environment_checks() =>
        Assert.That(Check("server:\n  port: ${PORT:-1}\n"), Is.Empty);

    [TestCase("retention_enabeld", "retention_enabled", 1)]
    [TestCase("abc", "abd", 1)]
    [TestCase("kitten", "sitting", 3)]
    public void Edit_distance_counts_transpositions_as_one(string a, string b, int expected) =>
        Assert.That(EditDistance.Between(a, b), Is.EqualTo(expected));

    [TestCase("168h", 604800)]
    [TestCase("1h30m", 5400)]
    [TestCase("7d", 604800)]
    [TestCase("0", 0)]
    public void Durations_convert_to_seconds(string text, double seconds) =>
        Assert.That(ValueKinds.Seconds(text), Is.EqualTo(seconds));

    [Test]
    public void Not_a_duration_has_no_seconds() => Assert.That(ValueKinds.Seconds("168"), Is.Null);

    private static List<string> Check(string yaml)
    {
        var report = new ValidationReport();
        var file = new StackFile
        {
            Path = "sample.yaml",
            FullPath = "/sample.yaml",
            Kind = FileKind.Yaml,
            Text = yaml,
        };
        StackLoader.Parse(file, report);
        Assert.That(report.Errors, Is.Zero, "sample YAML must parse");
        Sample.Check(file, file.Yaml, report);
        return report.Findings.Select(f => f.Message).ToList();
    }
}
