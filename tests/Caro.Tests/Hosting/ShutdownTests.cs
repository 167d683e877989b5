using System.Diagnostics;
using System.Globalization;
using System.Text;
using Caro.Shared.Settings;
using Caro.Tests.Support;
using Microsoft.Extensions.Configuration;
using YamlDotNet.RepresentationModel;

namespace Caro.Tests.Hosting;

/// <summary>
/// SIGTERM: Caro stops within its shutdown budget (final telemetry flush included) whatever the
/// collector does, still delivers the last telemetry to a collector that answers, and compose waits
/// longer than that budget before killing it.
/// </summary>
public sealed class ShutdownTests
{
    private static Dictionary<string, string> WithTelemetry(
        int http,
        int management,
        string collector,
        int budgetSeconds,
        int exportEveryMs
    )
    {
        var environment = CaroProcess.Environment(http, management);
        environment["OTEL_SDK_DISABLED"] = "false";
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector;
        foreach (
            var period in new[]
            {
                "OTEL_METRIC_EXPORT_INTERVAL",
                "OTEL_BSP_SCHEDULE_DELAY",
                "OTEL_BLRP_SCHEDULE_DELAY",
            }
        )
        {
            environment[period] = exportEveryMs.ToString(CultureInfo.InvariantCulture);
        }
        environment["CARO_SHUTDOWN_TIMEOUT_SECONDS"] = budgetSeconds.ToString(
            CultureInfo.InvariantCulture
        );
        return environment;
    }

    [Test]
    public async Task StopsWithinItsShutdownBudgetWhenTheCollectorHangs()
    {
        // A collector that accepts and never answers: exports in flight at SIGTERM must not hold the
        // process past its budget (before the bounded flush: about 15 s whatever the budget).
        const int budgetSeconds = 6;
        using var collector = new HangingCollector();
        var (http, management) = (Ports.Closed(), Ports.Closed());
        var environment = WithTelemetry(
            http,
            management,
            collector.Endpoint,
            budgetSeconds,
            exportEveryMs: 200
        );
        using var caro = CaroProcess.Start(environment);
        await caro.WaitReadyAsync(management);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        for (var i = 0; i < 20; i++)
        {
            await client.GetAsync($"http://127.0.0.1:{http}/api/gamification/stats/{i + 1}");
        }
        var waiting = Stopwatch.StartNew();
        while (collector.Accepted < 3 && waiting.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50); // every signal has an export hanging on the collector
        }
        Assert.That(
            collector.Accepted,
            Is.GreaterThanOrEqualTo(3),
            "exports reached the collector"
        );

        var took = Stop(caro, budgetSeconds);
        Assert.That(
            took,
            Is.LessThan(TimeSpan.FromSeconds(budgetSeconds)),
            "stopped within the shutdown budget"
        );
    }

    [Test]
    public async Task TheLastTelemetryReachesACollectorThatAnswers()
    {
        // Export periods far longer than the test: only the final flush at SIGTERM can deliver.
        await using var receiver = await OtlpReceiver.StartAsync();
        var (http, management) = (Ports.Closed(), Ports.Closed());
        var environment = WithTelemetry(
            http,
            management,
            receiver.BaseAddress.ToString().TrimEnd('/'),
            budgetSeconds: 10,
            exportEveryMs: 600_000
        );
        using var caro = CaroProcess.Start(environment);
        await caro.WaitReadyAsync(management);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await client.GetAsync($"http://127.0.0.1:{http}/api/gamification/stats/7");
        Assert.That(receiver.Requests, Is.Empty, "nothing exported before SIGTERM");

        Stop(caro, budgetSeconds: 10);
        string[] paths = ["/v1/traces", "/v1/metrics", "/v1/logs"];
        foreach (var path in paths)
        {
            Assert.That(
                receiver.Requests.Where(r => r.Path == path),
                Is.Not.Empty,
                $"the final flush sent {path}"
            );
        }
        Assert.That(
            receiver
                .Requests.Where(r => r.Path == "/v1/traces")
                .Any(r => Encoding.UTF8.GetString(r.Body).Contains("/api/gamification/stats/")),
            Is.True,
            "the last request's span"
        );
    }

    [Test]
    public void ComposeGivesCaroItsBudget()
    {
        var compose = new YamlStream();
        compose.Load(
            new StringReader(
                File.ReadAllText(
                    Path.Combine(RepositoryRoot.Path(), "stack", "docker-compose.yaml")
                )
            )
        );
        var services = (YamlMappingNode)
            ((YamlMappingNode)compose.Documents[0].RootNode)["services"];
        var caro = (YamlMappingNode)services["caro-demo"];
        Assert.That(
            caro.Children.ContainsKey("stop_grace_period"),
            Is.True,
            "caro-demo sets stop_grace_period (Docker's default is 10 s)"
        );
        var grace = caro["stop_grace_period"].ToString();
        Assert.That(grace, Does.Match("^[0-9]+s$"), "stop_grace_period in whole seconds");
        var defaults = CaroSettings.From(new ConfigurationBuilder().Build());
        Assert.That(
            int.Parse(grace[..^1], CultureInfo.InvariantCulture),
            Is.GreaterThan(defaults.ShutdownTimeoutSeconds),
            "Docker waits longer than Caro's default shutdown budget before SIGKILL"
        );
    }

    /// <summary>SIGTERM, then waits for the exit (exit code 0); returns how long it took.</summary>
    private static TimeSpan Stop(CaroProcess caro, int budgetSeconds)
    {
        var stopping = Stopwatch.StartNew();
        caro.Terminate();
        var stopped = caro.Process.WaitForExit(TimeSpan.FromSeconds(budgetSeconds + 20));
        var took = stopping.Elapsed;
        Assert.That(stopped, Is.True, "SIGTERM stops Caro");
        caro.Process.WaitForExit(); // drains the redirected output
        TestContext.Out.WriteLine(
            $"stopped in {took.TotalSeconds:F1} s (budget {budgetSeconds} s)"
        );
        Assert.That(caro.Process.ExitCode, Is.Zero, string.Join("\n", caro.Output));
        return took;
    }
}
