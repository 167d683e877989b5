using Caro.Shared.Persistence;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Caro.Shared.Hosting;

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (the database is usable), management port only.</summary>
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

    public static void MapCaroHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(
            LivePath,
            new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }
        );
        app.MapHealthChecks(
            ReadyPath,
            new HealthCheckOptions
            {
                Predicate = check => check.Tags.Contains(ReadyTag),
                ResponseWriter = WriteAsync,
            }
        );
    }

    private static Task WriteAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(
            new
            {
                status = report.Status == HealthStatus.Healthy ? "UP" : "DOWN",
                checks = report.Entries.ToDictionary(
                    e => e.Key,
                    e => new
                    {
                        status = e.Value.Status == HealthStatus.Healthy ? "UP" : "DOWN",
                        detail = e.Value.Description,
                    }
                ),
            }
        );

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
