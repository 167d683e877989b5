using Build.Docker;
using Build.Host;
using Build.Secrets;
using Build.Stack;
using Build.Verify;

namespace Verify.Tests.Units;

/// <summary>The stack catalog read from the real stack/ (labels and tenants), and what Verify derives from it.</summary>
public sealed class CatalogTests
{
    private static StackCatalog Real() =>
        StackCatalog.From(
            ComposeFile.Load(Path.Combine(TestPaths.Stack, "docker-compose.yaml"), _ => null),
            EnvironmentCatalog.Load(Path.Combine(TestPaths.Stack, "env.yaml"))
        );

    [Test]
    public void Roles_and_endpoints_come_from_the_compose_labels()
    {
        var catalog = Real();

        Assert.That(catalog.WithRole(StackRole.Logs)!.Name, Is.EqualTo("loki"));
        Assert.That(
            catalog
                .WithRole(StackRole.Metrics)!
                .HostUrl(catalog.WithRole(StackRole.Metrics)!.Otlp)!
                .ToString(),
            Is.EqualTo("http://127.0.0.1:9009/otlp")
        );
        Assert.That(
            catalog
                .WithRole(StackRole.Collector)!
                .HostUrl(catalog.WithRole(StackRole.Collector)!.Otlp)!
                .ToString(),
            Is.EqualTo("http://127.0.0.1:4318/")
        );
        // Tempo's own OTLP receiver is not published: no host URL (Verify then asks for --otlp-traces-url=).
        Assert.That(
            catalog.WithRole(StackRole.Traces)!.HostUrl(catalog.WithRole(StackRole.Traces)!.Otlp),
            Is.Null
        );
        Assert.That(
            catalog.ComponentJobs,
            Is.EquivalentTo(new[] { "alloy", "loki", "mimir", "tempo" })
        );
    }

    [Test]
    public void Tenants_are_declared_once_in_env_yaml()
    {
        var catalog = Real();

        Assert.That(
            catalog.TenantNames,
            Is.EqualTo(new[] { "caro-backend-prod", "caro-backend-staging", "infra-monitoring" })
        );
        Assert.That(catalog.SelfMonitoringTenant!.Name, Is.EqualTo("infra-monitoring"));
        // Every tenant has its rule folder and Alertmanager file (Validate checks the same against this list).
        Assert.That(
            catalog.TenantNames.Select(t => StackFacts.RuleGroups(TestPlans.Stack, t).Count),
            Is.All.GreaterThan(0)
        );
    }

    [Test]
    public void Span_metrics_are_expected_where_tempos_overrides_enable_them()
    {
        Assert.That(StackFacts.HasSpanMetrics(TestPlans.Stack, "caro-backend-prod"), Is.True);
        Assert.That(StackFacts.HasSpanMetrics(TestPlans.Stack, "infra-monitoring"), Is.False);
    }

    [Test]
    public void An_unknown_tenant_is_a_usage_error_naming_the_valid_ones()
    {
        var error = Assert.Throws<UsageException>(() =>
            VerifyRun.SelectTenants(Real(), ["caro-backend-prd"])
        );
        Assert.That(
            error!.Message,
            Is.EqualTo(
                "Unknown tenant 'caro-backend-prd' in --tenants. Valid: caro-backend-prod, caro-backend-staging, infra-monitoring."
            )
        );
        Assert.That(
            VerifyRun.SelectTenants(Real(), ["infra-monitoring"]),
            Is.EqualTo(new[] { "infra-monitoring" })
        );
    }

    [Test]
    public void The_provisioned_datasources_carry_their_tenant()
    {
        var datasources = StackFacts.Datasources(TestPlans.Stack);
        Assert.That(
            datasources.Single(d => d.Uid == "loki-prod").Tenant,
            Is.EqualTo("caro-backend-prod")
        );
        Assert.That(
            datasources.Single(d => d.Uid == "mimir-infra").Tenant,
            Is.EqualTo("infra-monitoring")
        );
    }
}
