using Build.Verify;
using Verify.Tests.Doubles;

namespace Verify.Tests;

/// <summary>
/// Whole Verify runs against doubles (Alloy and Grafana cannot run here): a healthy run passes; runs broken on
/// purpose fail with the right hop named.
/// </summary>
public sealed class DoubleRunTests
{
    private static Task<IReadOnlyList<CheckResult>> RunAsync(
        StackDouble stack,
        GrafanaDouble? grafana,
        Uri? loki = null,
        Uri? alloy = null,
        int deadlineSeconds = 5
    ) =>
        TestPlans.RunAsync(
            TestPlans.Through(alloy ?? stack.Url, loki ?? stack.Url, stack.Url, stack.Url),
            grafana,
            TimeSpan.FromSeconds(deadlineSeconds)
        );

    private static string Failures(IReadOnlyList<CheckResult> results) =>
        TestPlans.Failures(results);

    [Test]
    public async Task A_healthy_stack_passes_every_check_and_reports_latencies()
    {
        using var stack = new StackDouble();
        using var grafana = new GrafanaDouble(stack.Url);

        var results = await RunAsync(stack, grafana);

        Assert.That(Failures(results), Is.Empty);
        Assert.That(
            results.Where(r => r.Check is "logs" or "metrics" or "traces").Select(r => r.Latency),
            Has.All.Not.Null
        );
        Assert.That(results.Count(r => r.Check is "logs" or "metrics" or "traces"), Is.EqualTo(9));
        Assert.That(stack.Received, Is.EqualTo(9), "one log, one metric, one span per tenant");
        Assert.That(
            results
                .Single(r => r.Check == AlertmanagerCheck.Check && r.Tenant == "infra-monitoring")
                .Outcome,
            Is.EqualTo(Outcome.Warn)
        );
    }

    [Test]
    public async Task A_wrong_tenant_header_is_blamed_on_alloy_to_the_backend()
    {
        using var stack = new StackDouble { AlloyTenantOverride = "infra-monitoring" };

        var results = await RunAsync(stack, null);

        var logs = results.Single(r => r.Check == "logs" && r.Tenant == "caro-backend-prod");
        Assert.That(
            logs.Detail,
            Does.StartWith(
                "Alloy → Loki: the log record sent for tenant caro-backend-prod arrived under tenant infra-monitoring"
            )
        );
        var metrics = results.Single(r =>
            r.Check == "metrics" && r.Tenant == "caro-backend-staging"
        );
        Assert.That(metrics.Detail, Does.StartWith("Alloy → Mimir:"));
    }

    [Test]
    public async Task A_backend_that_is_down_is_named_with_its_url()
    {
        using var stack = new StackDouble();
        var closed = new Uri($"http://127.0.0.1:{HttpDouble.FreePort()}");

        var results = await RunAsync(stack, null, loki: closed, deadlineSeconds: 2);

        var logs = results.Where(r => r.Check == "logs").ToArray();
        Assert.That(logs.Select(r => r.Outcome), Is.All.EqualTo(Outcome.Fail));
        Assert.That(
            logs[0].Detail,
            Does.StartWith($"Loki (query): cannot read {closed.GetLeftPart(UriPartial.Authority)}")
        );
        Assert.That(
            results.Where(r => r.Check == "metrics").Select(r => r.Outcome),
            Is.All.EqualTo(Outcome.Pass)
        );
    }

    [Test]
    public async Task Alloy_down_is_the_first_hop()
    {
        using var stack = new StackDouble();
        var closed = new Uri($"http://127.0.0.1:{HttpDouble.FreePort()}");

        var results = await RunAsync(stack, null, alloy: closed, deadlineSeconds: 2);

        Assert.That(
            results.Single(r => r.Check == "traces" && r.Tenant == "infra-monitoring").Detail,
            Does.StartWith("application → Alloy: Alloy's OTLP receiver at")
        );
    }

    [Test]
    public async Task A_datasource_pointing_at_the_wrong_tenant_is_named()
    {
        using var stack = new StackDouble();
        using var grafana = new GrafanaDouble(stack.Url);
        grafana.TenantOf["loki-prod"] = "caro-backend-staging";

        var results = await RunAsync(stack, grafana);

        var tenants = results.Single(r => r.Check == GrafanaChecks.Tenants);
        Assert.That(tenants.Outcome, Is.EqualTo(Outcome.Fail));
        Assert.That(
            tenants.Detail,
            Does.StartWith(
                "Grafana datasource loki-prod points at the wrong tenant: it should read tenant caro-backend-prod (provisioning) but it sees tenant caro-backend-staging"
            )
        );
        Assert.That(
            results.Where(r => r.Check == "logs").Select(r => r.Outcome),
            Is.All.EqualTo(Outcome.Pass),
            "the backend itself is fine"
        );
    }

    [Test]
    public async Task A_dashboard_query_that_fails_names_the_datasource_dashboard_and_panel()
    {
        using var stack = new StackDouble();
        using var grafana = new GrafanaDouble(stack.Url) { FailingDatasource = "mimir-infra" };

        var results = await RunAsync(stack, grafana);

        var dashboards = results.Single(r => r.Check == GrafanaChecks.Dashboards);
        Assert.That(
            dashboards.Detail,
            Does.Match(
                "^Grafana → mimir-infra: dashboard '.+', panel '.+', query .+ fails: bad_data"
            )
        );
    }

    [Test]
    public async Task The_caro_dashboard_runs_once_per_tenant_of_its_variable()
    {
        using var stack = new StackDouble();
        // prod's Loki fails: only a run of the dashboard for tenant caro-backend-prod meets it.
        using var grafana = new GrafanaDouble(stack.Url) { FailingDatasource = "loki-prod" };

        var results = await RunAsync(stack, grafana);

        Assert.That(
            results.Single(r => r.Check == GrafanaChecks.Dashboards).Detail,
            Does.StartWith(
                "Grafana → loki-prod: dashboard 'Caro service overview' (tenant = caro-backend-prod, logs = caro-backend-prod logs, traces = caro-backend-prod traces), panel 'Caro logs'"
            )
        );
    }

    [Test]
    public async Task A_datasource_named_outside_the_variables_pattern_is_named()
    {
        using var stack = new StackDouble();
        using var grafana = new GrafanaDouble(stack.Url);
        grafana.NameOf["tempo-staging"] = "Tempo (staging)";

        var results = await RunAsync(stack, grafana);

        Assert.That(
            results.Single(r => r.Check == GrafanaChecks.Dashboards).Detail,
            Does.StartWith(
                "Grafana: dashboard 'Caro service overview': datasource variable 'traces' (tempo, regex '/^caro-backend-staging traces$/') matches no datasource when tenant = caro-backend-staging"
            )
        );
    }

    [Test]
    public async Task A_dashboard_value_that_reads_two_tenants_is_named()
    {
        using var stack = new StackDouble();
        using var grafana = new GrafanaDouble(stack.Url);
        // The two Tempo datasources swapped names: the staging value of the Caro dashboard picks prod's.
        grafana.NameOf["tempo-prod"] = "caro-backend-staging traces";
        grafana.NameOf["tempo-staging"] = "caro-backend-prod traces";

        var results = await RunAsync(stack, grafana);

        Assert.That(
            results.Single(r => r.Check == GrafanaChecks.Dashboards).Detail,
            Does.Match(
                "^Grafana: dashboard 'Caro service overview' \\(tenant = caro-backend-staging, .*traces = caro-backend-staging traces\\) reads tenants caro-backend-prod and caro-backend-staging"
            )
        );
    }

    [Test]
    public async Task A_component_missing_from_self_monitoring_is_named()
    {
        using var stack = new StackDouble { UpJobs = ["alloy", "loki", "mimir"] };

        var results = await RunAsync(stack, null, deadlineSeconds: 2);

        Assert.That(
            results.Single(r => r.Check == MimirChecks.SelfMonitoring).Detail,
            Does.StartWith("Alloy → Mimir: up is not 1 for job(s) tempo in tenant infra-monitoring")
        );
    }
}
