using System.Text.RegularExpressions;
using Caro.Shared.Telemetry;
using Caro.Tests.Support;
using OpenTelemetry.Metrics;
using YamlDotNet.RepresentationModel;

namespace Caro.Tests.Telemetry;

/// <summary>
/// Caro's metrics against the stack's catalog (stack/metrics.yaml, entry emitters.caro; or, when that
/// file is absent, the "series in Mimir" column of docs/contracts.md): every series Caro's own meter
/// produces is listed, and every listed series is really produced.
/// </summary>
public sealed class MetricCatalogTests
{
    private static readonly string[] OwnInstrumentPrefixes = ["caro.", "http.server."];

    [Test]
    public async Task CaroAndTheCatalogAgree()
    {
        var catalog = LoadCatalog();
        var emitted = await EmittedSeriesAsync();

        var own = emitted
            .Where(e =>
                OwnInstrumentPrefixes.Any(p => e.Instrument.StartsWith(p, StringComparison.Ordinal))
            )
            .ToList();
        Assert.That(
            own.Select(e => e.Instrument),
            Does.Contain("caro.uptime")
                .And.Contain("caro.ingestion.jobs")
                .And.Contain("http.server.request.duration")
        );
        var unlisted = own.Where(e => !catalog.Contains(e.Series))
            .Select(e => $"{e.Instrument} -> {e.Series}")
            .ToList();
        Assert.That(unlisted, Is.Empty, "Caro emits series the catalog does not list");

        var produced = emitted.Select(e => e.Series).Append("target_info").ToHashSet();
        var phantom = catalog.Where(series => !produced.Contains(series)).ToList();
        Assert.That(phantom, Is.Empty, "the catalog lists series Caro does not emit");
    }

    [Test]
    public void NameMappingFollowsMimirsSuffixRules()
    {
        Assert.That(
            MimirNames.For("caro.uptime", "s", MetricType.DoubleGauge),
            Is.EqualTo(new[] { "caro_uptime_seconds" })
        );
        Assert.That(
            MimirNames.For("caro.reviews.recorded", "{review}", MetricType.LongSum),
            Is.EqualTo(new[] { "caro_reviews_recorded_total" })
        );
        Assert.That(
            MimirNames.For(
                "http.server.active_requests",
                "{request}",
                MetricType.LongSumNonMonotonic
            ),
            Is.EqualTo(new[] { "http_server_active_requests" })
        );
        Assert.That(
            MimirNames.For("http.server.request.duration", "s", MetricType.Histogram),
            Is.EqualTo(
                new[]
                {
                    "http_server_request_duration_seconds_bucket",
                    "http_server_request_duration_seconds_sum",
                    "http_server_request_duration_seconds_count",
                }
            )
        );
        Assert.That(
            MimirNames.For("dotnet.process.cpu.time", "s", MetricType.DoubleSum),
            Is.EqualTo(new[] { "dotnet_process_cpu_time_seconds_total" })
        );
    }

    private static async Task<List<(string Instrument, string Series)>> EmittedSeriesAsync()
    {
        var capture = new TelemetryCapture();
        await using var host = await CaroHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["OTEL_SDK_DISABLED"] = "false",
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{Ports.Closed()}",
            },
            capture.Hooks
        );
        var (member, deck, card) = await host.Api.SeedCardAsync();
        await host.Api.PostApiAsync(
            "/api/review",
            new
            {
                memberId = member,
                deckId = deck,
                cardId = card,
                quality = 4,
                reviewTimeMs = 10,
            }
        );
        var job = (
            await host.Api.PostApiAsync(
                "/api/ingestion/upload",
                new
                {
                    memberId = member,
                    deckId = deck,
                    imageData = "x",
                }
            )
        ).Data.GetProperty("jobId").GetString();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (
            (await host.Api.GetApiAsync($"/api/ingestion/status/{job}"))
                .Data.GetProperty("status")
                .GetString() != "COMPLETED"
            && DateTime.UtcNow < deadline
        )
        {
            await Task.Delay(20);
        }
        GC.Collect(); // so dotnet.gc.collections has a point
        return capture
            .CollectMetrics(host.Services)
            .Where(m => m.MetricPoints.Count > 0)
            .SelectMany(m =>
                MimirNames.For(m.Name, m.Unit, m.MetricType).Select(series => (m.Name, series))
            )
            .ToList();
    }

    private static HashSet<string> LoadCatalog()
    {
        var root = RepositoryRoot.Path();
        var yamlPath = Path.Combine(root, "stack", "metrics.yaml");
        if (File.Exists(yamlPath))
        {
            var yaml = new YamlStream();
            using var reader = new StreamReader(yamlPath);
            yaml.Load(reader);
            var emitters = (YamlMappingNode)
                ((YamlMappingNode)yaml.Documents[0].RootNode)["emitters"];
            var series = (YamlSequenceNode)((YamlMappingNode)emitters["caro"])["series"];
            return series.Children.Select(n => ((YamlScalarNode)n).Value!).ToHashSet();
        }
        // Fallback: the contracts table, rows of Caro and ASP.NET Core instruments, last column.
        var contracts = File.ReadAllLines(Path.Combine(root, "docs", "contracts.md"));
        return contracts
            .Where(line =>
                line.StartsWith("| `", StringComparison.Ordinal)
                && (line.Contains("(Caro)") || line.Contains("(ASP.NET Core)"))
            )
            .SelectMany(line =>
                Regex.Matches(line.Split('|')[^2], "`([a-z_]+)`").Select(m => m.Groups[1].Value)
            )
            .SelectMany(name =>
                name.EndsWith("_bucket", StringComparison.Ordinal)
                    ? [name, name[..^7] + "_sum", name[..^7] + "_count"]
                    : new[] { name }
            )
            .ToHashSet();
    }
}
