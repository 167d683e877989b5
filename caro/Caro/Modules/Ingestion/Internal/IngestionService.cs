using System.Diagnostics;
using Caro.Modules.Ingestion.Contracts;
using Caro.Shared.Api;
using Caro.Shared.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Caro.Modules.Ingestion.Internal;

internal sealed class IngestionService(
    IDbContextFactory<CaroDbContext> factory,
    IngestionQueue queue,
    IngestionJobStore store,
    TimeProvider clock
) : IIngestionService
{
    public async Task<string> SubmitAsync(
        long memberId,
        long deckId,
        string imageData,
        CancellationToken cancellationToken
    )
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var job = new IngestionJobEntity
        {
            Id = Guid.NewGuid().ToString(),
            MemberId = memberId,
            DeckId = deckId,
            Status = IngestionStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            db.Add(job);
            await db.SaveChangesAsync(cancellationToken);
        }
        if (!queue.TryEnqueue(new IngestionWorkItem(job.Id, Activity.Current?.Context ?? default)))
        {
            await store.FinishAsync(
                job.Id,
                IngestionStatus.Failed,
                "Ingestion queue is full",
                CancellationToken.None
            );
            throw new ApiException(
                503,
                "SERVICE_UNAVAILABLE",
                "Ingestion queue is full; retry later"
            );
        }
        return job.Id;
    }

    public async Task<IngestionJobDto?> GetJobAsync(
        string jobId,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var job = await db.Set<IngestionJobEntity>()
            .AsNoTracking()
            .FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        return job is null
            ? null
            : new IngestionJobDto(job.Id, job.MemberId, job.DeckId, job.Status, job.Message);
    }
}
