using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Caro.Shared.Persistence;

/// <summary>
/// Creates the schema at start (<c>EnsureCreated</c>: InMemory, or the MySQL tables when missing),
/// retrying every 2 s while the database is unreachable so Caro starts and reports not-ready instead of crashing.
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
                await db.Database.EnsureCreatedAsync(stoppingToken);
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
