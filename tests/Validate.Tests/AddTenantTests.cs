using System.Text.RegularExpressions;
using Build.Validation;

namespace Validate.Tests;

/// <summary>
/// stack/README.md's "Add a tenant" checklist on a copy of the stack: the new Caro tenant caro-backend-demo gets its
/// env.yaml entries, datasources, Alertmanager config and rules (its rule tests are TestRules' business), no
/// overrides entry, and nothing else. Validate then has nothing to say; without its rule folder it names the folder.
/// </summary>
[TestFixture]
public sealed class AddTenantTests
{
    private const string Datasources =
        "stack/config/grafana/provisioning/datasources/datasources.yaml";

    private static string Demo(string text) =>
        text.Replace("caro-backend-staging", "caro-backend-demo")
            .Replace("CARO_BACKEND_STAGING", "CARO_BACKEND_DEMO")
            .Replace("-staging", "-demo")
            .Replace("environment: staging", "environment: demo");

    private static void AddDemoTenant(StackCopy stack, bool withRules = true)
    {
        string Path(string file) => System.IO.Path.Combine(stack.Root, file);
        var env = File.ReadAllText(Path("stack/env.yaml"));
        var webhook = Regex.Match(
            env,
            @"  - name: SLACK_WEBHOOK_URL_CARO_BACKEND_STAGING\n(?:    .*\n)+"
        );
        File.WriteAllText(
            Path("stack/env.yaml"),
            env.Insert(webhook.Index + webhook.Length, Demo(webhook.Value))
                .Replace(
                    "tenants:\n",
                    "tenants:\n  - name: caro-backend-demo\n    description: Caro's demo.\n"
                )
        );
        var datasources = File.ReadAllText(Path(Datasources));
        var staging = Regex.Match(
            datasources,
            @"  # -+ caro-backend-staging\n[\s\S]*?(?=  # -+ caro-backend-prod)"
        );
        File.WriteAllText(
            Path(Datasources),
            datasources + Demo(staging.Value).Replace("isDefault: true", "isDefault: false")
        );
        var alertmanager = "stack/config/mimir/alertmanager/caro-backend-{0}.yaml";
        File.WriteAllText(
            Path(string.Format(alertmanager, "demo")),
            Demo(File.ReadAllText(Path(string.Format(alertmanager, "staging"))))
        );
        if (withRules)
        {
            var rules = Path("stack/config/mimir/rules/caro-backend-demo");
            Directory.CreateDirectory(rules);
            File.WriteAllText(
                System.IO.Path.Combine(rules, "caro-demo.yaml"),
                Demo(
                    File.ReadAllText(
                        Path("stack/config/mimir/rules/caro-backend-staging/caro-demo.yaml")
                    )
                )
            );
        }
    }

    [Test]
    public void The_checklists_files_are_all_a_new_Caro_tenant_needs()
    {
        using var stack = StackCopy.Create();
        AddDemoTenant(stack);

        var report = stack.Validate("1-3");

        Assert.That(report.Errors, Is.Zero, string.Join("\n", report.Lines()));
        Assert.That(report.Lines(), Has.None.Contains("demo"));
    }

    [Test]
    public void A_missing_per_tenant_file_is_named()
    {
        using var stack = StackCopy.Create();
        AddDemoTenant(stack, withRules: false);

        var report = stack.Validate("1-3");

        Assert.That(
            report.Lines(),
            Has.Member(
                "stack/config/mimir/rules:1:1: error: tenant 'caro-backend-demo' has no rule folder: create stack/config/mimir/rules/caro-backend-demo/<name>.yaml (and its tests in tests/rules/caro-backend-demo/) (stack/env.yaml declares it)"
            )
        );
    }
}
