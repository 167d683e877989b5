using Caro.Modules.Analytics.Contracts;
using Caro.Modules.Review.Contracts;
using Caro.Shared.Events;
using Caro.Shared.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Caro.Modules.Analytics.Internal;

internal sealed class AnalyticsService(IDbContextFactory<CaroDbContext> factory) : IAnalyticsService
{
    public async Task<DailyStudyStatDto?> GetDailyStatsAsync(
        long memberId,
        DateOnly date,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var stat = await db.Set<DailyStudyStatEntity>()
            .AsNoTracking()
            .FirstOrDefaultAsync(
                s => s.MemberId == memberId && s.StudyDate == date,
                cancellationToken
            );
        return stat is null
            ? null
            : new DailyStudyStatDto(
                stat.MemberId,
                stat.StudyDate,
                stat.TotalCards,
                stat.TotalTimeMs
            );
    }

    public async Task<int> GetCardCountAsync(
        long memberId,
        DateOnly date,
        CancellationToken cancellationToken
    ) => (await GetDailyStatsAsync(memberId, date, cancellationToken))?.TotalCards ?? 0;
}

/// <summary>
/// Counts each review into the (member, event date) row: an upsert under optimistic concurrency with
/// retry, so concurrent reviews are all counted. Runs before Notification (Order 10).
/// </summary>
internal sealed class AnalyticsListener(IDbContextFactory<CaroDbContext> factory)
    : IEventListener<CardReviewedEvent>
{
    public int Order => 10;

    public Task HandleAsync(CardReviewedEvent @event, CancellationToken cancellationToken)
    {
        var date = DateOnly.FromDateTime(@event.ReviewedAt);
        return DbConflict.RetryAsync(
            factory,
            async db =>
            {
                var stat = await db.Set<DailyStudyStatEntity>()
                    .FirstOrDefaultAsync(
                        s => s.MemberId == @event.MemberId && s.StudyDate == date,
                        cancellationToken
                    );
                if (stat is null)
                {
                    stat = new DailyStudyStatEntity
                    {
                        MemberId = @event.MemberId,
                        StudyDate = date,
                    };
                    db.Add(stat);
                }
                stat.TotalCards++;
                stat.TotalTimeMs += @event.ReviewTimeMs;
                stat.Version++;
                await db.SaveChangesAsync(cancellationToken);
                return stat.TotalCards;
            },
            cancellationToken
        );
    }
}
