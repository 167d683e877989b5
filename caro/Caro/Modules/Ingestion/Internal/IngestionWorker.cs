using System.Diagnostics;
using Caro.Modules.Ingestion.Contracts;
using Caro.Modules.Workbook.Contracts;
using Caro.Shared.Events;
using Caro.Shared.Persistence;
using Caro.Shared.Settings;
using Caro.Shared.Telemetry;

namespace Caro.Modules.Ingestion.Internal;

/// <summary>
/// Runs queued jobs (a few at a time): PENDING → PROCESSING → simulated extraction
/// (<c>CARO_INGESTION_DELAY_MS</c>) → <see cref="IngestionCompletedEvent"/> → COMPLETED, or FAILED with the reason.
/// On shutdown unfinished jobs stay in the database and are re-queued at the next start.
/// </summary>
internal sealed class IngestionWorker(
    IngestionQueue queue,
    IngestionJobStore store,
    IServiceScopeFactory scopes,
    DatabaseState database,
    CaroSettings settings,
    CaroMetrics metrics,
    TimeProvider clock,
    ILogger<IngestionWorker> logger
) : BackgroundService
{
    private const int Consumers = 4;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await database.WhenReady.WaitAsync(stoppingToken);
            foreach (var jobId in await store.ResetUnfinishedAsync(stoppingToken))
            {
                queue.TryEnqueue(new IngestionWorkItem(jobId, default));
            }
            await Task.WhenAll(
                Enumerable.Range(0, Consumers).Select(_ => ConsumeAsync(stoppingToken))
            );
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped before the database was ready.
        }
    }

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in queue.Reader.ReadAllAsync(stoppingToken))
            {
                await ProcessAsync(item, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Graceful shutdown.
        }
    }

    private async Task ProcessAsync(IngestionWorkItem item, CancellationToken stoppingToken)
    {
        using var activity = CaroTelemetry.ActivitySource.StartActivity(
            "ingestion.process",
            ActivityKind.Consumer,
            item.Parent
        );
        activity?.SetTag("ingestion.job_id", item.JobId);
        try
        {
            var job = await store.ClaimAsync(item.JobId, stoppingToken);
            if (job is null)
            {
                return;
            }
            await Task.Delay(settings.IngestionDelayMs, stoppingToken);
            await using var scope = scopes.CreateAsyncScope();
            var workbook = scope.ServiceProvider.GetRequiredService<IWorkbookService>();
            if (await workbook.GetDeckAsync(job.DeckId, stoppingToken) is null)
            {
                throw new InvalidOperationException($"Deck not found: {job.DeckId}");
            }
            var cards = CardExtractor.Extract();
            var events = scope.ServiceProvider.GetRequiredService<IEventPublisher>();
            await events.PublishAsync(
                new IngestionCompletedEvent(
                    job.Id,
                    job.MemberId,
                    job.DeckId,
                    cards,
                    clock.GetUtcNow().UtcDateTime
                ),
                stoppingToken
            );
            await store.FinishAsync(
                job.Id,
                IngestionStatus.Completed,
                $"Extracted {cards.Count} cards",
                stoppingToken
            );
            metrics.IngestionJobFinished(completed: true);
            logger.LogInformation("Ingestion job {JobId} completed", job.Id);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            logger.LogError(exception, "Ingestion job {JobId} failed", item.JobId);
            metrics.IngestionJobFinished(completed: false);
            await store.FinishAsync(
                item.JobId,
                IngestionStatus.Failed,
                exception.Message,
                CancellationToken.None
            );
        }
    }
}
