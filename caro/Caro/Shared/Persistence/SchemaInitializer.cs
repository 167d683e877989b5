using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Caro.Shared.Persistence;

/// <summary>
/// Creates the schema at start (<c>EnsureCreated</c>: the MySQL tables when missing), retrying every 2 s while the
/// database is unreachable so Caro starts and reports not-ready instead of crashing.
/// The InMemory database (one new, empty database per process) has no schema: its tables appear on first use, and
/// its <c>EnsureCreated</c> would only insert seed data, which Caro has none of (CompiledModelTests checks that),
/// after building EF's design-time model by running every model convention, which the compiled model exists
/// to avoid (a quarter of the CPU to /health/ready, caro/README.md). So InMemory is ready at once.
/// </summary>
public sealed class SchemaInitializer(
    IDbContextFactory<CaroDbContext> factory,
    DatabaseState state,
    ILogger<SchemaInitializer> logger
) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var db = await factory.CreateDbContextAsync(stoppingToken);
                if (!db.Database.IsInMemory())
                {
                    await db.Database.EnsureCreatedAsync(stoppingToken);
                }
                state.MarkReady();
                logger.LogInformation(
                    "Database schema ready ({Provider}), {Elapsed} ms after process start",
                    db.Database.ProviderName,
                    (long)(DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds
                );
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(
                    "Database not usable yet, retrying in 2 s: {Reason}",
                    exception.GetBaseException().Message
                );
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
