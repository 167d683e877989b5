using Build.Validation.Model;
using Build.Verify;
using Verify.Tests.Doubles;

namespace Verify.Tests;

/// <summary>Verify runs as the tests start them: the real stack/ for expectations, endpoints given explicitly.</summary>
public static class TestPlans
{
    public static readonly string[] Tenants =
    [
        "caro-backend-prod",
        "caro-backend-staging",
        "infra-monitoring",
    ];

    /// <summary>The real stack/, read once as Verify reads it.</summary>
    public static StackModel Stack { get; } = StackFacts.Load(TestPaths.Stack);

    public static async Task<IReadOnlyList<CheckResult>> RunAsync(
        VerifyEndpoints endpoints,
        GrafanaDouble? grafana,
        TimeSpan deadline,
        IReadOnlyList<string>? tenants = null,
        Func<string, bool?>? uploaded = null
    )
    {
        using var client = new HttpClient();
        var plan = new VerifyPlan
        {
            Tenants = tenants ?? Tenants,
            AllTenants = Tenants,
            SelfMonitoringTenant = (tenants ?? Tenants).Contains("infra-monitoring")
                ? "infra-monitoring"
                : null,
            ComponentJobs = ["alloy", "loki", "mimir", "tempo"],
            Stack = Stack,
            Deadline = deadline,
            Endpoints = endpoints with { Grafana = grafana?.Url },
            AlertmanagerUploaded = uploaded ?? (_ => null),
            Grafana = grafana is null
                ? null
                : new GrafanaChecks(
                    VerifyHttp.WithLogin(
                        client,
                        TimeSpan.FromSeconds(10),
                        GrafanaDouble.User,
                        GrafanaDouble.Password
                    ),
                    grafana.Url,
                    StackFacts.Datasources(TestPlans.Stack)
                ),
        };
        return await new Verifier(new VerifyHttp(client, TimeSpan.FromSeconds(10)), plan).RunAsync(
            _ => { },
            CancellationToken.None
        );
    }

    /// <summary>OTLP endpoints of one receiver base URL (Alloy's, or a double's).</summary>
    public static VerifyEndpoints Through(Uri receiver, Uri loki, Uri mimir, Uri tempo) =>
        new()
        {
            OtlpLogs = BackendQueries.Combine(receiver, "/v1/logs", ""),
            OtlpMetrics = BackendQueries.Combine(receiver, "/v1/metrics", ""),
            OtlpTraces = BackendQueries.Combine(receiver, "/v1/traces", ""),
            Loki = loki,
            Mimir = mimir,
            Tempo = tempo,
        };

    public static string Failures(IEnumerable<CheckResult> results) =>
        string.Join(
            "\n",
            results
                .Where(r => r.Outcome == Outcome.Fail)
                .Select(r => $"{r.Check} {r.Tenant}: {r.Detail}")
        );
}
