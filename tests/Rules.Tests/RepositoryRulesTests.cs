using Build.Host;
using YamlDotNet.RepresentationModel;

namespace Rules.Tests;

/// <summary>The shipped alert rules keep the contract (docs/contracts.md), and Test runs TestRules.</summary>
[TestFixture]
public sealed class RepositoryRulesTests
{
    private static readonly string RulesFolder = Path.Combine(
        Fixtures.Root,
        "stack",
        "config",
        "mimir",
        "rules"
    );

    private static readonly string[] Tenants =
    [
        "caro-backend-prod",
        "caro-backend-staging",
        "infra-monitoring",
    ];

    public static IEnumerable<TestCaseData> Alerts()
    {
        foreach (
            var file in Directory
                .GetFiles(RulesFolder, "*", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
        )
        {
            var stream = new YamlStream();
            using (var reader = File.OpenText(file))
            {
                stream.Load(reader);
            }
            var root = (YamlMappingNode)stream.Documents[0].RootNode;
            foreach (var group in ((YamlSequenceNode)root["groups"]).OfType<YamlMappingNode>())
            {
                foreach (var rule in ((YamlSequenceNode)group["rules"]).OfType<YamlMappingNode>())
                {
                    if (rule.Children.TryGetValue(new YamlScalarNode("alert"), out var alert))
                    {
                        var tenant = Path.GetFileName(Path.GetDirectoryName(file))!;
                        yield return new TestCaseData(tenant, rule).SetName(
                            $"{tenant}/{Path.GetFileName(file)}: {alert}"
                        );
                    }
                }
            }
        }
    }

    [Test]
    public void Every_tenant_of_the_contract_has_rules()
    {
        Assert.That(
            Directory.GetDirectories(RulesFolder).Select(Path.GetFileName),
            Is.EquivalentTo(Tenants)
        );
    }

    [TestCaseSource(nameof(Alerts))]
    public void An_alert_carries_severity_tenant_summary_description_and_a_for_duration(
        string tenant,
        YamlMappingNode rule
    )
    {
        string? Value(string section, string key) =>
            rule.Children.TryGetValue(new YamlScalarNode(section), out var node)
            && node is YamlMappingNode map
            && map.Children.TryGetValue(new YamlScalarNode(key), out var value)
                ? ((YamlScalarNode)value).Value
                : null;

        Assert.That(
            Value("labels", "severity"),
            Is.AnyOf("critical", "warning"),
            "Alertmanager routes on severity"
        );
        Assert.That(Value("labels", "tenant"), Is.EqualTo(tenant));
        Assert.That(Value("annotations", "summary"), Is.Not.Null.And.Not.Empty);
        Assert.That(Value("annotations", "description"), Is.Not.Null.And.Not.Empty);
        Assert.That(
            rule.Children.ContainsKey(new YamlScalarNode("for")),
            Is.True,
            "a for: duration"
        );
    }

    [Test]
    public void The_Test_target_runs_TestRules()
    {
        var catalog = new TaskCatalog(TaskCatalog.Discover(typeof(BuildHost).Assembly));

        Assert.That(catalog.DependenciesOf(catalog.Find("Test")!), Does.Contain("TestRules"));
    }
}
