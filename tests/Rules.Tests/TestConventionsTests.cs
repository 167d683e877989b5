using Build.Rules.Promtool;
using Build.Rules.Report;

namespace Rules.Tests;

/// <summary>The conventions that keep a test file portable between promtool 2.42 and 3.x, and its failures placeable.</summary>
[TestFixture]
public sealed class TestConventionsTests
{
    [Test]
    public void The_repository_test_files_follow_the_conventions()
    {
        var files = Directory.GetFiles(
            Path.Combine(Fixtures.Root, "tests", "rules"),
            "*.yaml",
            SearchOption.AllDirectories
        );
        Assert.That(files, Is.Not.Empty);
        foreach (var file in files)
        {
            var spec = PromtoolTestFile.TryRead(file);
            Assert.That(spec, Is.Not.Null, file);
            Assert.That(
                TestConventions.Check("t", spec!, p => p).Select(c => c.Subject + ": " + c.Detail),
                Is.Empty,
                file
            );
        }
    }

    [Test]
    public void Unnamed_duplicate_intervalless_and_native_histogram_groups_are_each_reported()
    {
        using var temp = new TempFolder();
        var file = Path.Combine(temp.Path, "bad.test.yaml");
        File.WriteAllText(
            file,
            """
            rule_files: []
            tests:
              - interval: 1m
                input_series: [{series: 'up', values: '1'}]
              - name: twice
                interval: 1m
                input_series: [{series: 'up', values: '1'}]
              - name: twice
                input_series: [{series: 'h', values: '{{schema:0 sum:1 count:1 buckets:[1]}}'}]
            """
        );

        var checks = TestConventions.Check("t", PromtoolTestFile.TryRead(file)!, p => p).ToList();

        Assert.That(checks.Select(c => c.Status), Is.All.EqualTo(CheckStatus.Failed));
        Assert.That(
            checks.Select(c => (c.Subject, c.Detail![..c.Detail!.IndexOf(':')])),
            Is.EqualTo(
                new[]
                {
                    ("group \"test group #1\"", "Give the test group a name"),
                    ("group \"twice\"", "Another test group of this file has the same name"),
                    ("group \"twice\"", "Another test group of this file has the same name"),
                    ("group \"twice\"", "Set `interval"),
                    (
                        "group \"twice\"",
                        "Use classic histogram series (`_bucket{le=...}`), not the {{schema"
                    ),
                }
            )
        );
    }
}
