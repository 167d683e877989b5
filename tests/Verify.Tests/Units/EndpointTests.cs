using Build.Docker;
using Build.Host;
using Build.Secrets;
using Build.Stack;
using Build.Verify;

namespace Verify.Tests.Units;

/// <summary>Where Verify sends and reads, from the real stack's catalog, the engine's ports and the arguments.</summary>
public sealed class EndpointTests
{
    private static readonly StackCatalog Catalog = StackCatalog.From(
        ComposeFile.Load(Path.Combine(TestPaths.Stack, "docker-compose.yaml"), _ => null),
        EnvironmentCatalog.Load(Path.Combine(TestPaths.Stack, "env.yaml"))
    );

    private static Task<VerifyEndpoints> Resolve(
        bool direct,
        Dictionary<string, string>? arguments = null,
        IReadOnlyList<ContainerState>? containers = null
    ) =>
        EndpointResolver.ResolveAsync(
            Catalog,
            name => arguments?.GetValueOrDefault(name),
            direct,
            () => Task.FromResult(containers)
        );

    [Test]
    public async Task Through_alloy_every_signal_goes_to_alloys_receiver_and_reads_hit_the_published_apis()
    {
        var endpoints = await Resolve(direct: false);

        Assert.That(endpoints.OtlpLogs!.ToString(), Is.EqualTo("http://127.0.0.1:4318/v1/logs"));
        Assert.That(
            endpoints.OtlpTraces!.ToString(),
            Is.EqualTo("http://127.0.0.1:4318/v1/traces")
        );
        Assert.That(endpoints.Loki!.ToString(), Is.EqualTo("http://127.0.0.1:3100/"));
        Assert.That(endpoints.Grafana!.ToString(), Is.EqualTo("http://127.0.0.1:3000/"));
    }

    [Test]
    public async Task Direct_goes_to_each_backends_own_receiver_and_asks_for_tempos_unpublished_one()
    {
        var endpoints = await Resolve(
            direct: true,
            new() { [VerifyArguments.LokiUrl] = "http://127.0.0.1:13100" }
        );

        Assert.That(
            endpoints.OtlpLogs!.ToString(),
            Is.EqualTo("http://127.0.0.1:13100/otlp/v1/logs")
        );
        Assert.That(
            endpoints.OtlpMetrics!.ToString(),
            Is.EqualTo("http://127.0.0.1:9009/otlp/v1/metrics")
        );
        Assert.That(endpoints.OtlpTraces, Is.Null);
    }

    [Test]
    public async Task The_port_the_running_container_publishes_wins_over_the_compose_file()
    {
        var running = new ContainerState(
            "id",
            "lgtm-loki-1",
            "loki",
            "running",
            null,
            0,
            0,
            DateTimeOffset.UtcNow,
            [new PublishedPort("0.0.0.0", 23100, 3100, "tcp")]
        );

        var endpoints = await Resolve(direct: false, containers: [running]);

        Assert.That(endpoints.Loki!.ToString(), Is.EqualTo("http://127.0.0.1:23100/"));
    }

    [Test]
    public async Task A_given_otlp_url_wins_and_a_bad_one_is_a_usage_error()
    {
        var endpoints = await Resolve(
            direct: true,
            new() { [VerifyArguments.OtlpTracesUrl] = "http://127.0.0.1:14318/v1/traces" }
        );
        Assert.That(
            endpoints.OtlpTraces!.ToString(),
            Is.EqualTo("http://127.0.0.1:14318/v1/traces")
        );

        var error = await Assert.ThrowsAsync<UsageException>(() =>
            Resolve(false, new() { [VerifyArguments.GrafanaUrl] = "grafana:3000" })
        );
        Assert.That(error!.Message, Does.StartWith("--grafana-url takes an http(s) URL"));
    }
}
