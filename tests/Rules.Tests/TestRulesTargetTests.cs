using System.Xml.Linq;
using Build;
using Build.Host;

namespace Rules.Tests;

/// <summary>
/// ./build.sh --target=TestRules as the user runs it (the real host and task, in-process), on the fixture
/// rule sets and with the real promtool from PATH.
/// </summary>
[TestFixture]
public sealed class TestRulesTargetTests
{
    private static (int ExitCode, string Output) Build(params string[] args)
    {
        var console = new FakeConsole();
        var exitCode = new BuildHost()
            .UseConsole(console)
            .UseAssembly(typeof(BuildHost).Assembly)
            .UseContext<BuildContext>()
            .UseWorkingDirectory(Fixtures.Root)
            .UseEnvironmentVariables(_ => null)
            .Run(["--target=TestRules", "--verbosity=normal", .. args]);
        return (exitCode, console.All);
    }

    private static string[] FixtureSet(string set) =>
        [
            $"--rules-dir={Fixtures.Rules(set)}",
            $"--rule-tests-dir={Fixtures.Tests(set)}",
            $"--promtool={Fixtures.RealPromtool}",
        ];

    [Test]
    public void A_broken_rule_file_exits_non_zero_naming_the_file()
    {
        var (exitCode, output) = Build(FixtureSet("broken-rule"));

        Assert.That(exitCode, Is.EqualTo(BuildHost.Failure), output);
        Assert.That(
            output,
            Does.Contain(
                "FAILED  [fixture-tenant] promtool check rules: tests/Rules.Tests/Fixtures/broken-rule/rules/fixture-tenant/broken.yaml"
            )
        );
        Assert.That(output, Does.Contain("unclosed left parenthesis"));
        Assert.That(
            output,
            Does.Match(
                @"Error: \d+ rule check\(s\) failed in [^\n]*tests/Rules.Tests/Fixtures/broken-rule/rules/fixture-tenant/broken.yaml"
            )
        );
    }

    [Test]
    public void A_failing_unit_test_exits_non_zero_naming_test_and_rule_file_with_expected_and_got()
    {
        var (exitCode, output) = Build(FixtureSet("failing-test"));

        Assert.That(exitCode, Is.EqualTo(BuildHost.Failure), output);
        Assert.That(
            output,
            Does.Contain(
                "passed  [fixture-tenant] promtool test rules: group \"fixture up\" alert FixtureDown"
            )
        );
        Assert.That(
            output,
            Does.Contain(
                "FAILED  [fixture-tenant] promtool test rules: group \"fixture down, wrongly expected too early\" alert FixtureDown "
                    + "(test file tests/Rules.Tests/Fixtures/failing-test/tests/fixture-tenant/failing.test.yaml, "
                    + "rule file tests/Rules.Tests/Fixtures/failing-test/rules/fixture-tenant/fixture.yaml)"
            )
        );
        Assert.That(output, Does.Contain("exp:[").And.Contain("got:[]"));
        Assert.That(
            output,
            Does.Match(@"fixture-tenant \|\s+\d+ \|\s+2 \|\s+\d+ \|"),
            "summary row: 2 failed (the passed count depends on whether mimirtool is installed)"
        );
        Assert.That(
            output,
            Does.Contain(
                "Error: 2 rule check(s) failed in tests/Rules.Tests/Fixtures/failing-test/tests/fixture-tenant/failing.test.yaml."
            )
        );
    }

    [Test]
    public void Passing_rules_exit_zero_with_a_summary_table()
    {
        var (exitCode, output) = Build(FixtureSet("passing"));

        Assert.That(exitCode, Is.EqualTo(BuildHost.Success), output);
        Assert.That(output, Does.Match(@"tenant\s+\| passed \| failed \| skipped \| total"));
        Assert.That(output, Does.Match(@"fixture-tenant \|\s+\d+ \|\s+0 \|"));
        Assert.That(
            output,
            Does.Contain(
                "passed  [fixture-tenant] promtool test rules: group \"fixture down\" alert FixtureDown"
            )
        );
        Assert.That(
            output,
            Does.Contain(
                "passed  [fixture-tenant] promtool test rules: group \"fixture down\" 1 expression test(s)"
            )
        );
    }

    [Test]
    public void Junit_report_lists_every_check_with_its_failures()
    {
        using var temp = new TempFolder();
        var junit = Path.Combine(temp.Path, "out", "rules.xml");

        var (exitCode, output) = Build([.. FixtureSet("failing-test"), $"--junit={junit}"]);

        Assert.That(exitCode, Is.EqualTo(BuildHost.Failure), output);
        var xml = XDocument.Load(junit);
        var suite = xml.Root!.Elements("testsuite").Single();
        Assert.That(suite.Attribute("name")!.Value, Is.EqualTo("fixture-tenant"));
        Assert.That(suite.Attribute("failures")!.Value, Is.EqualTo("2"));
        var failed = suite
            .Elements("testcase")
            .Where(t => t.Element("failure") is not null)
            .ToList();
        Assert.That(
            failed.Select(t => t.Attribute("name")!.Value),
            Has.Some.EqualTo("group \"fixture down, wrongly expected too early\" alert FixtureDown")
        );
        Assert.That(
            failed[0].Element("failure")!.Value,
            Does.Contain(
                "rule file tests/Rules.Tests/Fixtures/failing-test/rules/fixture-tenant/fixture.yaml"
            )
        );
        Assert.That(
            File.ReadAllBytes(junit).Take(3),
            Is.Not.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }),
            "no byte-order mark"
        );
    }

    [Test]
    public void A_promtool_argument_without_an_executable_is_a_usage_error()
    {
        var (exitCode, output) = Build(
            $"--rules-dir={Fixtures.Rules("passing")}",
            "--promtool=/nonexistent/promtool"
        );

        Assert.That(exitCode, Is.Not.EqualTo(BuildHost.Success), output);
        Assert.That(
            output,
            Does.Contain("--promtool=/nonexistent/promtool: no executable file there")
        );
    }
}
