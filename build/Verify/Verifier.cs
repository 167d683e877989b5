using Build.Validation.Model;

namespace Build.Verify;

/// <summary>What one Verify run checks, and where.</summary>
public sealed record VerifyPlan
{
    /// <summary>The tenants to prove (all, or those of <c>--tenants</c>).</summary>
    public required IReadOnlyList<string> Tenants { get; init; }

    /// <summary>Every tenant of the stack: a probe must be absent under each one but its own.</summary>
    public required IReadOnlyList<string> AllTenants { get; init; }

    public string? SelfMonitoringTenant { get; init; }
    public IReadOnlyList<string> ComponentJobs { get; init; } = [];

    /// <summary>stack/ as Validate reads it: what to expect (rule groups, Alertmanager configs, span metrics).</summary>
    public required StackModel Stack { get; init; }
    public required VerifyEndpoints Endpoints { get; init; }
    public TimeSpan Deadline { get; init; } =
        TimeSpan.FromSeconds(
            int.Parse(
                VerifyArguments.DefaultDeadlineSeconds,
                System.Globalization.CultureInfo.InvariantCulture
            )
        );

    /// <summary>Per tenant: true when Up uploaded its Alertmanager configuration, false when it did not, null unknown.</summary>
    public Func<string, bool?> AlertmanagerUploaded { get; init; } = _ => null;

    /// <summary>Grafana's checks, when Grafana is to be checked (its URL and login known).</summary>
    public GrafanaChecks? Grafana { get; init; }

    /// <summary>Why Grafana cannot be checked although it should be (e.g. its login is unknown): a failure.</summary>
    public string? GrafanaProblem { get; init; }
}

/// <summary>
/// Runs every check of a plan concurrently under one deadline: per tenant the three signals (send, read back,
/// isolation), the ruler, the Alertmanager configuration, span metrics; self-monitoring; Grafana.
/// </summary>
public sealed class Verifier(VerifyHttp http, VerifyPlan plan)
{
    public async Task<IReadOnlyList<CheckResult>> RunAsync(
        Action<CheckResult> progress,
        CancellationToken cancellation
    )
    {
        var deadline = new Deadline(plan.Deadline);
        var endpoints = plan.Endpoints;
        var reader = new SignalReader(http, endpoints);
        var signals = new SignalCheck(http, endpoints, reader, deadline);
        var mimir = new MimirChecks(http, endpoints.Mimir, deadline, plan.Stack);
        var alertmanager = new AlertmanagerCheck(http, endpoints.Mimir, plan.Stack);
        var run = VerifyProbe.NewRun(DateTimeOffset.UtcNow);
        var checks = new List<Task<CheckResult>>();
        var probes = new List<VerifyProbe>();
        void Add(string check, string tenant, Func<Task<CheckResult>> runCheck) =>
            checks.Add(Guard(progress, check, tenant, runCheck));
        void Done(CheckResult result) => checks.Add(Task.FromResult(result));

        foreach (var tenant in plan.Tenants)
        {
            var probe = VerifyProbe.For(run, tenant, DateTimeOffset.UtcNow);
            probes.Add(probe);
            var others = plan.AllTenants.Where(t => t != tenant).ToArray();
            var spanMetrics = StackFacts.HasSpanMetrics(plan.Stack, tenant);
            // Read before the span is sent: the counter may exist from earlier runs.
            var baseline =
                spanMetrics && endpoints.Mimir is not null
                    ? await mimir.SpanMetricsBaselineAsync(probe, cancellation)
                    : null;
            foreach (var signal in Signals.All)
            {
                Add(
                    signal.Name(),
                    tenant,
                    () => signals.RunAsync(signal, probe, others, progress, cancellation)
                );
            }
            Add(MimirChecks.Ruler, tenant, () => mimir.RulerAsync(tenant, cancellation));
            Add(
                AlertmanagerCheck.Check,
                tenant,
                () => alertmanager.RunAsync(tenant, plan.AlertmanagerUploaded(tenant), cancellation)
            );
            if (spanMetrics)
            {
                Add(
                    MimirChecks.SpanMetrics,
                    tenant,
                    () => mimir.SpanMetricsAsync(probe, baseline, others, cancellation)
                );
            }
            else
            {
                Done(
                    CheckResult.Skip(
                        MimirChecks.SpanMetrics,
                        tenant,
                        "Tempo makes no span metrics for this tenant (config/tempo/overrides.yaml)"
                    )
                );
            }
        }
        if (plan.SelfMonitoringTenant is { } infra && endpoints.Direct)
        {
            Done(
                CheckResult.Skip(
                    MimirChecks.SelfMonitoring,
                    infra,
                    "direct mode: Alloy's scrapes are not part of the path"
                )
            );
        }
        else if (plan.SelfMonitoringTenant is { } monitored)
        {
            Add(
                MimirChecks.SelfMonitoring,
                monitored,
                () => mimir.SelfMonitoringAsync(monitored, plan.ComponentJobs, cancellation)
            );
        }
        if (plan.Grafana is { } grafana)
        {
            Add(GrafanaChecks.Datasources, "*", () => grafana.DatasourcesAsync(cancellation));
            Add(GrafanaChecks.Dashboards, "*", () => grafana.DashboardsAsync(cancellation));
            var signalTasks = checks.ToArray();
            Add(
                GrafanaChecks.Tenants,
                "*",
                async () =>
                {
                    // Only meaningful once the backends have Verify's data: after the signal checks.
                    await Task.WhenAll(signalTasks);
                    return await grafana.TenantsAsync(probes, cancellation);
                }
            );
        }
        else
        {
            Done(
                plan.GrafanaProblem is { } problem ? CheckResult.Fail("grafana", "*", problem)
                : endpoints.Direct
                    ? CheckResult.Skip("grafana", "*", "direct mode without --grafana-url")
                : CheckResult.Fail(
                    "grafana",
                    "*",
                    Hops.NotConfigured("Grafana", VerifyArguments.GrafanaUrl)
                )
            );
        }

        var results = await Task.WhenAll(checks);
        foreach (var skipped in results.Where(r => r.Outcome is Outcome.Skip))
        {
            progress(skipped);
        }
        return results;
    }

    /// <summary>A check whose unexpected failure (a backend down mid-way) becomes its failure line.</summary>
    private static async Task<CheckResult> Guard(
        Action<CheckResult> progress,
        string check,
        string tenant,
        Func<Task<CheckResult>> run
    )
    {
        CheckResult result;
        try
        {
            result = await Task.Run(run);
        }
        catch (Exception e)
            when (e
                    is VerifyQueryException
                        or FormatException
                        or HttpRequestException
                        or YamlDotNet.Core.YamlException
            )
        {
            result = CheckResult.Fail(check, tenant, e.Message.ReplaceLineEndings(" "));
        }
        progress(result);
        return result;
    }
}
