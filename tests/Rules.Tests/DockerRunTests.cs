using Build.Docker;
using Build.Rules;
using Build.Rules.Promtool;
using Build.Rules.Report;
using Build.Tools;

namespace Rules.Tests;

/// <summary>
/// The Docker fallback for real: no registry here, so the image is a double built offline from this machine's
/// promtool and its libraries (<see cref="OfflineBaseImage"/>), standing in for prom/prometheus. TestRules runs
/// it exactly as it runs the official image: <c>docker run</c> with the rule folders mounted read-only and the
/// tool as entrypoint.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class DockerRunTests
{
    private static readonly DockerCli Docker = new(new CommandRunner());
    private string _image = "";
    private TempFolder _temp = null!;
    private ResolvedTool _promtool = null!;

    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        if (ExecutableSearch.OnPath("docker") is null)
        {
            Assert.Ignore(
                "No docker CLI on this machine (install docker.io): the Docker fallback cannot be tested."
            );
        }
        if (!(await Docker.Runner.RunAsync(Docker.Command("info"))).Succeeded)
        {
            Assert.Ignore(
                "No Docker engine answers (.ci/run starts dockerd): the Docker fallback cannot be tested."
            );
        }
        _image = $"rules-tests-promtool-double:{Guid.NewGuid():N}";
        var promtool = Path.GetFullPath(Fixtures.RealPromtool);
        await new OfflineBaseImage(Docker).EnsureAsync(_image, [promtool], [promtool]);

        _temp = new TempFolder();
        var bin = _temp.Sub("bin");
        TempFolder.LinkRealTool(bin, "docker");
        // The official tool definition with the double's image; a binary name that is on no PATH forces Docker.
        var tool = RuleTool.Promtool with
        {
            Name = "promtool-not-installed",
            Image = _image,
            Entrypoint = promtool,
        };
        var resolution = new ToolResolver(bin, Mount.SamePath([Fixtures.Root])).Resolve(tool, null);
        Assert.That(resolution.Tool?.Source, Is.EqualTo(ToolSource.Docker), resolution.Reason);
        _promtool = resolution.Tool!;
    }

    [OneTimeTearDown]
    public async Task TearDownAsync()
    {
        if (_image.Length > 0)
        {
            await Docker.Runner.RunAsync(Docker.Command("rmi", "--force", _image));
        }
        _temp?.Dispose();
    }

    private static string Display(string path) => RuleTestRun.DisplayPath(Fixtures.Root, path);

    [Test]
    public void Promtool_in_a_container_checks_and_tests_the_repository_rules()
    {
        var runner = new PromtoolRunner(_promtool, Display);
        var rules = Path.Combine(
            Fixtures.Root,
            "stack",
            "config",
            "mimir",
            "rules",
            "caro-backend-staging",
            "caro-demo.yaml"
        );
        var tests = Path.Combine(
            Fixtures.Root,
            "tests",
            "rules",
            "caro-backend-staging",
            "caro-demo.test.yaml"
        );

        var check = runner.CheckRules("caro-backend-staging", rules);
        var results = runner.TestRules("caro-backend-staging", tests);

        Assert.That(check.Status, Is.EqualTo(CheckStatus.Passed), check.Detail);
        Assert.That(check.Detail, Is.EqualTo("SUCCESS: 3 rules found"));
        Assert.That(results, Has.Count.EqualTo(7));
        Assert.That(
            results.Where(r => r.Status != CheckStatus.Passed).Select(r => r.Detail),
            Is.Empty
        );
    }

    [Test]
    public void Promtool_in_a_container_reports_a_failing_test_with_expected_and_got()
    {
        var runner = new PromtoolRunner(_promtool, Display);
        var tests = Path.Combine(
            Fixtures.Tests("failing-test"),
            "fixture-tenant",
            "failing.test.yaml"
        );

        var results = runner.TestRules("fixture-tenant", tests);

        var failed = results.Where(r => r.Status == CheckStatus.Failed).ToList();
        Assert.That(failed, Has.Count.EqualTo(2));
        Assert.That(failed[0].Detail, Does.Contain("got:[]"));
        Assert.That(
            failed[0].RuleFile,
            Is.EqualTo("tests/Rules.Tests/Fixtures/failing-test/rules/fixture-tenant/fixture.yaml")
        );
    }
}
