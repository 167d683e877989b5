using Build.Docker;
using Build.Host;
using Build.Lifecycle;
using Build.Stack;

namespace Build.Verify;

/// <summary>
/// Verify as a target: reads the arguments and the stack catalog, finds the endpoints (published ports of the
/// running containers, each overridable), runs the checks under a live view, prints the table, fails on a failure.
/// </summary>
[TaskArgument(
    VerifyArguments.Tenants,
    "Only these tenants, comma-separated (stack/env.yaml's tenants).",
    Kind = ArgumentKind.List,
    Default = "all"
)]
[TaskArgument(
    VerifyArguments.Deadline,
    "How long Verify waits for everything to show up.",
    Kind = ArgumentKind.Number,
    Default = VerifyArguments.DefaultDeadlineSeconds,
    Min = 1,
    Max = 3600,
    Unit = "seconds"
)]
[TaskArgument(
    VerifyArguments.Direct,
    "Send to each backend's own OTLP endpoint with X-Scope-OrgID instead of through Alloy.",
    Kind = ArgumentKind.Flag
)]
[TaskArgument(VerifyArguments.AlloyUrl, "Alloy's OTLP/HTTP base URL.", Default = "published port")]
[TaskArgument(VerifyArguments.LokiUrl, "Loki's HTTP API base URL.", Default = "published port")]
[TaskArgument(VerifyArguments.MimirUrl, "Mimir's HTTP API base URL.", Default = "published port")]
[TaskArgument(VerifyArguments.TempoUrl, "Tempo's HTTP API base URL.", Default = "published port")]
[TaskArgument(
    VerifyArguments.GrafanaUrl,
    "Grafana's base URL (with --direct, Grafana is checked only when given).",
    Default = "published port"
)]
[TaskArgument(
    VerifyArguments.OtlpLogsUrl,
    "Where log records are sent (full OTLP/HTTP URL).",
    Default = "Alloy, or Loki's /otlp/v1/logs with --direct"
)]
[TaskArgument(
    VerifyArguments.OtlpMetricsUrl,
    "Where metric samples are sent (full OTLP/HTTP URL).",
    Default = "Alloy, or Mimir's /otlp/v1/metrics with --direct"
)]
[TaskArgument(
    VerifyArguments.OtlpTracesUrl,
    "Where spans are sent (full OTLP/HTTP URL).",
    Default = "Alloy, or Tempo's OTLP receiver with --direct"
)]
public static class VerifyRun
{
    public static async Task RunAsync(StackSession session, Func<string, bool?>? uploaded = null)
    {
        var args = session.Context.Args;
        var deadline = args.GetInt(VerifyArguments.Deadline);
        var catalog = StackCatalog.From(session.LoadComposeWithoutSecrets(), session.Catalog);
        var tenants = SelectTenants(catalog, args.GetList(VerifyArguments.Tenants));
        var direct = args.Flag(VerifyArguments.Direct);
        var stack = StackFacts.Load(session.StackDirectory);
        IReadOnlyList<ContainerState>? containers = null;
        async Task<IReadOnlyList<ContainerState>?> Containers()
        {
            if (containers is null)
            {
                try
                {
                    await session.Docker.EnsureEngineAsync(session.Cancellation);
                    containers = await session.Docker.ProjectContainersAsync(
                        session.Project,
                        session.Cancellation
                    );
                    // Whatever secrets mode started the stack: mask what its containers really hold.
                    await session.UseRunningSecretsAsync();
                }
                catch (BuildException e)
                {
                    session.Verbose(
                        $"Verify: no running containers to read ports from ({e.Message}); using the compose file's ports."
                    );
                    containers = [];
                }
            }
            return containers;
        }

        var endpoints = await EndpointResolver.ResolveAsync(catalog, args.Get, direct, Containers);
        var grafana = endpoints.Grafana;

        using var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var http = new VerifyHttp(client, TimeSpan.FromSeconds(10));
        GrafanaChecks? grafanaChecks = null;
        string? grafanaProblem = null;
        if (grafana is not null && (!direct || args.Has(VerifyArguments.GrafanaUrl)))
        {
            var credentials = await GrafanaLogin.FindAsync(session, catalog, await Containers());
            if (credentials is { } login)
            {
                grafanaChecks = new GrafanaChecks(
                    VerifyHttp.WithLogin(
                        client,
                        TimeSpan.FromSeconds(30),
                        login.User,
                        login.Password
                    ),
                    grafana,
                    StackFacts.Datasources(stack)
                );
            }
            else
            {
                grafanaProblem =
                    $"Grafana: the admin password is unknown (no running Grafana container to read it from): set {VerifyArguments.GrafanaPasswordVariable}.";
            }
        }

        var plan = new VerifyPlan
        {
            Tenants = tenants,
            AllTenants = catalog.TenantNames,
            SelfMonitoringTenant =
                catalog.SelfMonitoringTenant?.Name is { } infra && tenants.Contains(infra)
                    ? infra
                    : null,
            ComponentJobs = catalog.ComponentJobs,
            Stack = stack,
            Endpoints = endpoints,
            Deadline = TimeSpan.FromSeconds(deadline),
            AlertmanagerUploaded = uploaded ?? (_ => null),
            Grafana = grafanaChecks,
            GrafanaProblem = grafanaProblem,
        };
        session.Info(
            $"Verify: {(direct ? "direct to the backends" : $"through Alloy ({endpoints.Alloy?.ToString() ?? "no URL"})")}, tenants {string.Join(", ", tenants)}, deadline {deadline} s; Loki {endpoints.Loki}, Mimir {endpoints.Mimir}, Tempo {endpoints.Tempo}, Grafana {grafana?.ToString() ?? "-"}"
        );
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var results = await VerifyView.ShowAsync(
            session,
            progress => new Verifier(http, plan).RunAsync(progress, session.Cancellation)
        );
        var failed = results.Where(r => r.Outcome == Outcome.Fail).ToArray();
        session.Info(
            $"Verify: {results.Count - failed.Length} of {results.Count} check(s) passed or skipped in {clock.Elapsed.TotalSeconds:0.0} s."
        );
        if (failed.Length > 0)
        {
            throw new BuildException(
                $"Verify: {failed.Length} check(s) failed; first: {failed[0].Check} ({failed[0].Tenant}): {failed[0].Detail}"
            );
        }
    }

    /// <summary>The tenants of <c>--tenants</c> (all when absent); an unknown one is a usage error.</summary>
    public static IReadOnlyList<string> SelectTenants(
        StackCatalog catalog,
        IReadOnlyList<string> wanted
    )
    {
        if (catalog.Tenants.Count == 0)
        {
            throw new BuildException(
                "stack/env.yaml declares no tenants (tenants:): nothing to verify."
            );
        }
        if (wanted.Count == 0)
        {
            return catalog.TenantNames;
        }
        var unknown = wanted.FirstOrDefault(w => !catalog.TenantNames.Contains(w));
        return unknown is null
            ? wanted.Distinct().ToArray()
            : throw new UsageException(
                $"Unknown tenant '{unknown}' in --{VerifyArguments.Tenants}. Valid: {string.Join(", ", catalog.TenantNames)}."
            );
    }
}
