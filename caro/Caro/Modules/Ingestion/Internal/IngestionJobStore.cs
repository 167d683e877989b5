using Caro.Modules.Ingestion.Contracts;
using Caro.Shared.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Caro.Modules.Ingestion.Internal;

/// <summary>Job state transitions, guarded by the row version so two workers never run one job.</summary>
internal sealed class IngestionJobStore(
    IDbContextFactory<CaroDbContext> factory,
    TimeProvider clock
)
{
    /// <summary>PENDING → PROCESSING; null when the job is gone, finished, or claimed by someone else.</summary>
    public async Task<IngestionJobEntity?> ClaimAsync(
        string jobId,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var job = await db.Set<IngestionJobEntity>()
            .FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        if (job is null || job.Status != IngestionStatus.Pending)
        {
            return null;
        }
        job.Status = IngestionStatus.Processing;
        job.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        job.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return job;
        }
        catch (Exception exception) when (DbConflict.IsConflict(exception))
        {
            return null;
        }
    }

    public Task FinishAsync(
        string jobId,
        string status,
        string? message,
        CancellationToken cancellationToken
    ) =>
        DbConflict.RetryAsync(
            factory,
            async db =>
            {
                var job = await db.Set<IngestionJobEntity>()
                    .FirstAsync(j => j.Id == jobId, cancellationToken);
                job.Status = status;
                job.Message = message;
                job.UpdatedAt = clock.GetUtcNow().UtcDateTime;
                job.Version++;
                await db.SaveChangesAsync(cancellationToken);
                return true;
            },
            cancellationToken
        );

    /// <summary>
    /// After a restart: jobs left PENDING or PROCESSING go back to PENDING and are returned for re-queueing.
    /// The InMemory database starts empty with each process, so it has none: no query is compiled for it at start,
    /// where it would compete with the first requests for the CPU.
    /// </summary>
    public async Task<IReadOnlyList<string>> ResetUnfinishedAsync(
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsInMemory())
        {
            return [];
        }
        var jobs = await db.Set<IngestionJobEntity>()
            .Where(j =>
                j.Status == IngestionStatus.Pending || j.Status == IngestionStatus.Processing
            )
            .ToListAsync(cancellationToken);
        foreach (var job in jobs)
        {
            job.Status = IngestionStatus.Pending;
            job.Version++;
        }
        await db.SaveChangesAsync(cancellationToken);
        return jobs.Select(j => j.Id).ToList();
    }
}
