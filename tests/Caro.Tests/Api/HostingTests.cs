using System.Net;
using Caro.Tests.Support;

namespace Caro.Tests.Api;

/// <summary>Ports, health, and what production switches off.</summary>
public sealed class HostingTests
{
    [Test]
    public async Task HealthIsOnTheManagementPortOnly()
    {
        await using var host = await CaroHost.StartAsync();
        var live = await host.Management.GetApiAsync("/health/live");
        var ready = await host.Management.GetApiAsync("/health/ready");
        Assert.That(live.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ready.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ready.Body!.Value.GetProperty("status").GetString(), Is.EqualTo("UP"));
        Assert.That(
            (await host.Api.GetApiAsync("/health/ready")).Status,
            Is.EqualTo(HttpStatusCode.NotFound)
        );
        Assert.That(
            (await host.Management.GetApiAsync("/api/gamification/stats/1")).Status,
            Is.EqualTo(HttpStatusCode.NotFound)
        );
    }

    [Test]
    public async Task HealthAnswersKeepTheirBodyHeadersAndPaths()
    {
        await using var host = await CaroHost.StartAsync();
        var ready = await host.Management.GetApiAsync("/health/ready");
        Assert.That(
            ready.Raw,
            Is.EqualTo(
                """{"status":"UP","checks":{"database":{"status":"UP","detail":"database reachable"}}}"""
            )
        );
        Assert.That(
            ready.Message.Content.Headers.ContentType?.ToString(),
            Is.EqualTo("application/json; charset=utf-8")
        );
        Assert.That(ready.Message.Headers.CacheControl?.NoStore, Is.True);
        Assert.That(ready.Message.Headers.GetValues("X-Frame-Options"), Is.EqualTo(["DENY"]));
        Assert.That(
            (await host.Management.GetApiAsync("/health/live")).Raw,
            Is.EqualTo("""{"status":"UP","checks":{}}""")
        );
        // As the routes they were: any method, either case, a trailing slash; nothing below them.
        Assert.That(
            (await host.Management.PostApiAsync("/health/ready", new { })).Status,
            Is.EqualTo(HttpStatusCode.OK)
        );
        Assert.That(
            (await host.Management.GetApiAsync("/Health/Ready/")).Status,
            Is.EqualTo(HttpStatusCode.OK)
        );
        var below = await host.Management.GetApiAsync("/health/ready/x");
        Assert.That(below.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(below.ErrorCode, Is.EqualTo("NOT_FOUND"));
    }

    [Test]
    public async Task ReadinessFailsWhileTheDatabaseIsUnreachable()
    {
        // A MySQL connection string pointing at a closed socket: Caro starts, is live, not ready, and answers the API 503.
        var settings = new Dictionary<string, string?>
        {
            ["CARO_DB_CONNECTION"] =
                "Server=/nonexistent/caro.sock;Protocol=Unix;User ID=root;Database=caro;Connection Timeout=1",
            ["CARO_DB_SERVER_VERSION"] = "10.11.0-mariadb",
        };
        await using var host = await CaroHost.StartAsync(settings, waitForDatabase: false);
        Assert.That(
            (await host.Management.GetApiAsync("/health/live")).Status,
            Is.EqualTo(HttpStatusCode.OK)
        );
        var ready = await host.Management.GetApiAsync("/health/ready");
        Assert.That(ready.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(ready.Body!.Value.GetProperty("status").GetString(), Is.EqualTo("DOWN"));
        var call = await host.Api.GetApiAsync("/api/gamification/stats/1");
        Assert.That(call.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(call.ErrorCode, Is.EqualTo("SERVICE_UNAVAILABLE"));
    }

    [Test]
    public async Task ProductionTurnsObservatoryAndOpenApiOff()
    {
        await using var production = await CaroHost.StartAsync(
            new Dictionary<string, string?> { ["ENVIRONMENT"] = "production" }
        );
        Assert.That(
            (
                await production.Api.PostApiAsync(
                    "/api/observatory/trace/nested",
                    new { depth = 1 }
                )
            ).Status,
            Is.EqualTo(HttpStatusCode.NotFound)
        );
        Assert.That(
            (await production.Api.GetApiAsync("/openapi/v1.json")).Status,
            Is.EqualTo(HttpStatusCode.NotFound)
        );

        await using var forced = await CaroHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["ENVIRONMENT"] = "production",
                ["CARO_OBSERVATORY_ENABLED"] = "true",
            }
        );
        Assert.That(
            (
                await forced.Api.PostApiAsync(
                    "/api/observatory/trace/nested",
                    new { depth = 1, delayPerSpanMs = 0 }
                )
            ).Status,
            Is.EqualTo(HttpStatusCode.OK)
        );
    }

    [Test]
    public async Task DevelopmentServesTheOpenApiDocumentAndUi()
    {
        await using var host = await CaroHost.StartAsync(
            new Dictionary<string, string?> { ["ENVIRONMENT"] = "development" }
        );
        var document = await host.Api.GetApiAsync("/openapi/v1.json");
        Assert.That(document.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(
            document.Body!.Value.GetProperty("info").GetProperty("title").GetString(),
            Is.EqualTo("Caro API")
        );
        Assert.That(
            document.Body.Value.GetProperty("paths").TryGetProperty("/api/review", out _),
            Is.True
        );
        var ui = await host.Api.GetAsync("/scalar/");
        Assert.That(ui.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
