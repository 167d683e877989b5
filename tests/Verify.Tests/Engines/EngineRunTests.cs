using System.Diagnostics;
using Build.Secrets;
using Build.Verify;
using Verify.Tests.Doubles;

namespace Verify.Tests.Engines;

/// <summary>
/// Verify against real Loki, Mimir and Tempo processes (LGTM_ENGINES_DIR), sending direct to their OTLP receivers;
/// Grafana and Alloy, which cannot run here, are doubles forwarding to the real engines. Skipped with the reason
/// when the binaries are not there.
/// </summary>
[NonParallelizable]
public sealed class EngineRunTests
{
    private static readonly TimeSpan FullDeadline = TimeSpan.FromSeconds(150);
    private static readonly TimeSpan BrokenDeadline = TimeSpan.FromSeconds(20);
    private RealEngines? _engines;

    [OneTimeSetUp]
    public async Task StartEnginesAsync()
    {
        var (directory, skip) = RealEngines.Locate();
        if (directory is null)
        {
            Assert.Ignore(skip ?? "");
        }
        _engines = new RealEngines();
        await _engines.StartAsync(directory!, TimeSpan.FromSeconds(180));
        TestContext.Progress.WriteLine(
            $"missing: {string.Join(", ", _engines.Missing)}; engines ready after: "
                + string.Join(", ", _engines.ReadyAfter.Select(r => $"{r.Key} {r.Value:0.0} s"))
        );
    }

    [OneTimeTearDown]
    public async Task StopEnginesAsync()
    {
        if (_engines is not null)
        {
            await _engines.DisposeAsync();
        }
    }

    private RealEngines Engines => _engines!;

    private VerifyEndpoints Direct() =>
        new()
        {
            Direct = true,
            OtlpLogs = BackendQueries.Combine(Engines.Api("loki"), "/otlp/v1/logs", ""),
            OtlpMetrics = BackendQueries.Combine(Engines.Api("mimir"), "/otlp/v1/metrics", ""),
            OtlpTraces = BackendQueries.Combine(Engines.TempoOtlp, "/v1/traces", ""),
            Loki = Engines.Api("loki"),
            Mimir = Engines.Api("mimir"),
            Tempo = Engines.Api("tempo"),
        };

    private GrafanaDouble Grafana() =>
        new(Engines.Api("loki"), Engines.Api("mimir"), Engines.Api("tempo"));

    [Test]
    public async Task Every_tenant_passes_direct_against_the_real_engines()
    {
        Engines.Require("loki", "mimir", "tempo");
        // Up's own upload, for one tenant (a made-up webhook): its Alertmanager must then run that configuration.
        using (var client = new HttpClient())
        {
            await new AlertmanagerUpload(client, new SecretMasker()).UploadAsync(
                Path.Combine(TestPaths.Stack, "config", "mimir", "alertmanager"),
                Engines.Api("mimir"),
                name =>
                    name == AlertmanagerUpload.VariableFor("caro-backend-prod")
                        ? "https://hooks.slack.invalid/services/T0/B0/verify"
                        : null,
                CancellationToken.None
            );
        }
        using var grafana = Grafana();
        var clock = Stopwatch.StartNew();

        var results = await TestPlans.RunAsync(
            Direct(),
            grafana,
            FullDeadline,
            uploaded: t => t == "caro-backend-prod" ? true : null
        );

        TestContext.Out.WriteLine(
            $"Verify against real engines took {clock.Elapsed.TotalSeconds:0.0} s"
        );
        foreach (var line in VerifyView.Table(results))
        {
            TestContext.Out.WriteLine(line);
        }
        Assert.That(TestPlans.Failures(results), Is.Empty);
        Assert.That(
            results
                .Single(r => r.Check == AlertmanagerCheck.Check && r.Tenant == "caro-backend-prod")
                .Outcome,
            Is.EqualTo(Outcome.Pass)
        );
        Assert.That(
            results
                .Single(r =>
                    r.Check == AlertmanagerCheck.Check && r.Tenant == "caro-backend-staging"
                )
                .Outcome,
            Is.EqualTo(Outcome.Warn)
        );
        Assert.That(
            results.Count(r =>
                r.Check is "logs" or "metrics" or "traces" && r.Outcome == Outcome.Pass
            ),
            Is.EqualTo(9)
        );
    }

    [Test]
    public async Task An_alloy_that_loses_the_tenant_is_named_as_the_broken_hop()
    {
        Engines.Require("loki", "mimir", "tempo");
        var results = await ThroughAlloySendingAsAsync("infra-monitoring", "caro-backend-prod");

        Assert.That(
            results.Single(r => r.Check == "logs").Detail,
            Does.StartWith(
                "Alloy → Loki: the log record sent for tenant caro-backend-prod arrived under tenant infra-monitoring"
            )
        );
        Assert.That(
            results.Single(r => r.Check == "metrics").Detail,
            Does.StartWith(
                "Alloy → Mimir: the metric sample sent for tenant caro-backend-prod arrived under tenant infra-monitoring"
            )
        );
        Assert.That(
            results.Single(r => r.Check == "traces").Detail,
            Does.StartWith(
                "Alloy → Tempo: the span sent for tenant caro-backend-prod arrived under tenant infra-monitoring"
            )
        );
    }

    [Test]
    public async Task A_backend_that_is_down_is_named_and_the_others_still_pass()
    {
        Engines.Require("loki");
        var down = new Uri($"http://127.0.0.1:{HttpDouble.FreePort()}");

        var results = await TestPlans.RunAsync(
            Direct() with
            {
                Mimir = down,
                OtlpMetrics = BackendQueries.Combine(down, "/otlp/v1/metrics", ""),
            },
            null,
            BrokenDeadline,
            tenants: ["caro-backend-staging"]
        );

        Assert.That(
            results.Single(r => r.Check == "metrics").Detail,
            Does.StartWith(
                $"application → Mimir: Mimir's OTLP receiver at {down}otlp/v1/metrics did not answer"
            )
        );
        Assert.That(
            results.Single(r => r.Check == MimirChecks.Ruler).Detail,
            Does.StartWith($"Mimir (query): cannot read {down.GetLeftPart(UriPartial.Authority)}")
        );
        Assert.That(
            results.Single(r => r.Check == "logs").Outcome,
            Is.EqualTo(Outcome.Pass),
            "real Loki is up"
        );
    }

    [Test]
    public async Task A_datasource_pointing_at_the_wrong_tenant_is_named()
    {
        Engines.Require("mimir");
        using var grafana = Grafana();
        grafana.TenantOf["mimir-prod"] = "caro-backend-staging";

        var results = await TestPlans.RunAsync(
            Direct(),
            grafana,
            BrokenDeadline,
            tenants: ["caro-backend-prod", "caro-backend-staging"]
        );

        Assert.That(
            results.Single(r => r.Check == GrafanaChecks.Tenants).Detail,
            Does.StartWith(
                "Grafana datasource mimir-prod points at the wrong tenant: it should read tenant caro-backend-prod (provisioning) but it sees tenant caro-backend-staging"
            )
        );
        Assert.That(
            results.Where(r => r.Check == "metrics").Select(r => r.Outcome),
            Is.All.EqualTo(Outcome.Pass),
            "Mimir itself is right"
        );
    }

    /// <summary>Runs whatever engines exist: each one's own checks must pass (the figures when not all are built).</summary>
    [Test]
    public async Task Each_real_engine_passes_its_own_checks()
    {
        var clock = Stopwatch.StartNew();

        // Rules need a minute to be evaluated; without Mimir nothing needs that long.
        var deadline = Engines.Missing.Contains("mimir") ? BrokenDeadline : FullDeadline;
        var results = await TestPlans.RunAsync(Direct(), null, deadline);

        TestContext.Out.WriteLine(
            $"Verify took {clock.Elapsed.TotalSeconds:0.0} s; engines missing: {string.Join(", ", Engines.Missing)}"
        );
        foreach (var line in VerifyView.Table(results))
        {
            TestContext.Out.WriteLine(line);
        }
        var own = new Dictionary<string, string[]>
        {
            ["loki"] = ["logs"],
            ["mimir"] = ["metrics", MimirChecks.Ruler],
            ["tempo"] = ["traces"],
        };
        var expected = RealEngines.All.Except(Engines.Missing).SelectMany(e => own[e]).ToHashSet();
        Assert.That(TestPlans.Failures(results.Where(r => expected.Contains(r.Check))), Is.Empty);
        Assert.That(
            results.Count(r => expected.Contains(r.Check) && r.Outcome == Outcome.Pass),
            Is.EqualTo(expected.Count * 3)
        );
    }

    [Test]
    public async Task A_wrong_tenant_header_sent_to_real_loki_is_named()
    {
        Engines.Require("loki");
        var results = await ThroughAlloySendingAsAsync("caro-backend-staging", "infra-monitoring");

        Assert.That(
            results.Single(r => r.Check == "logs").Detail,
            Does.StartWith(
                "Alloy → Loki: the log record sent for tenant infra-monitoring arrived under tenant caro-backend-staging"
            )
        );
    }

    /// <summary>Verify of <paramref name="tenant"/> through an Alloy double that forwards under <paramref name="sentAs"/>.</summary>
    private async Task<IReadOnlyList<CheckResult>> ThroughAlloySendingAsAsync(
        string sentAs,
        string tenant
    )
    {
        using var alloy = new AlloyDouble(
            BackendQueries.Combine(Engines.Api("loki"), "/otlp/v1/logs", ""),
            BackendQueries.Combine(Engines.Api("mimir"), "/otlp/v1/metrics", ""),
            BackendQueries.Combine(Engines.TempoOtlp, "/v1/traces", "")
        )
        {
            TenantOverride = sentAs,
        };
        return await TestPlans.RunAsync(
            TestPlans.Through(
                alloy.Url,
                Engines.Api("loki"),
                Engines.Api("mimir"),
                Engines.Api("tempo")
            ),
            null,
            BrokenDeadline,
            tenants: [tenant]
        );
    }
}
