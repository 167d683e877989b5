using System.Text.Json;
using Caro.Shared.Persistence;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Caro.Shared.Hosting;

/// <summary>
/// <c>/health/live</c> (the process answers) and <c>/health/ready</c> (the database is usable), management port
/// only (<see cref="PortSplitMiddleware"/>). Answered before endpoint routing, so a probe never builds the route
/// table: the first request through routing builds every API endpoint (JSON contracts of every request and
/// response type), ~0.1 s of CPU on the first probe (caro/README.md). They answer as the routes they were
/// (any method, any case, an optional trailing slash) and keep their <c>http.route</c> label in the metrics.
/// </summary>
public static class HealthEndpoints
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    private const string ReadyTag = "ready";

    public static IServiceCollection AddCaroHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag]);
        return services;
    }

    /// <summary>Place before <c>UseRouting</c>.</summary>
    public static void UseCaroHealth(this IApplicationBuilder app)
    {
        Probe(app, LivePath, _ => false);
        Probe(app, ReadyPath, check => check.Tags.Contains(ReadyTag));
    }

    private static void Probe(
        IApplicationBuilder app,
        string path,
        Func<HealthCheckRegistration, bool> predicate
    )
    {
        var options = Options.Create(
            new HealthCheckOptions { Predicate = predicate, ResponseWriter = WriteAsync }
        );
        // What routing would have set: hosting's request metrics take http.route from it.
        var endpoint = new Endpoint(
            null,
            new EndpointMetadataCollection(new RouteLabel(path)),
            "Health checks " + path
        );
        app.MapWhen(
            context => Matches(context.Request.Path, path),
            branch =>
            {
                branch.Use(
                    (context, next) =>
                    {
                        context.SetEndpoint(endpoint);
                        return next(context);
                    }
                );
                branch.UseMiddleware<HealthCheckMiddleware>(options);
            }
        );
    }

    private static bool Matches(PathString requested, string path) =>
        requested.StartsWithSegments(path, out var rest) && (!rest.HasValue || rest.Value == "/");

    private sealed record RouteLabel(string Route) : IRouteDiagnosticsMetadata;

    /// <summary><c>{"status":"UP","checks":{"database":{"status":"UP","detail":"..."}}}</c>, written directly.</summary>
    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", Status(report.Status));
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", Status(entry.Status));
            json.WriteString("detail", entry.Description);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string Status(HealthStatus status) =>
        status == HealthStatus.Healthy ? "UP" : "DOWN";

    private sealed class DatabaseHealthCheck(
        IDbContextFactory<CaroDbContext> factory,
        DatabaseState state
    ) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(
            HealthCheckContext context,
            CancellationToken cancellationToken = default
        )
        {
            if (!state.IsReady)
            {
                return HealthCheckResult.Unhealthy(
                    "schema not created yet (database unreachable?)"
                );
            }
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(
                    cancellationToken
                );
                timeout.CancelAfter(TimeSpan.FromSeconds(3));
                await using var db = await factory.CreateDbContextAsync(timeout.Token);
                return await db.Database.CanConnectAsync(timeout.Token)
                    ? HealthCheckResult.Healthy("database reachable")
                    : HealthCheckResult.Unhealthy("database unreachable");
            }
            catch (Exception exception)
            {
                return HealthCheckResult.Unhealthy(
                    "database unreachable: " + exception.GetBaseException().GetType().Name
                );
            }
        }
    }
}
