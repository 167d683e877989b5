using Caro.Modules.Review.Contracts;
using Caro.Shared.Events;
using Caro.Shared.Persistence;
using Caro.Shared.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace Caro.Modules.Gamification.Internal;

/// <summary>
/// Awards XP, level and streak for each review (optimistic concurrency with retry on the stats row, so
/// concurrent reviews lose no XP), then stores the badges this transition earned; the badge key
/// (member, type) makes a duplicate insert fail, which is ignored.
/// </summary>
internal sealed class GamificationListener(
    IDbContextFactory<CaroDbContext> factory,
    CaroMetrics metrics,
    TimeProvider clock,
    ILogger<GamificationListener> logger
) : IEventListener<CardReviewedEvent>
{
    public int Order => 20;

    public async Task HandleAsync(CardReviewedEvent @event, CancellationToken cancellationToken)
    {
        var day = DateOnly.FromDateTime(@event.ReviewedAt);
        var now = clock.GetUtcNow().UtcDateTime;
        var (before, after) = await DbConflict.RetryAsync(
            factory,
            async db =>
            {
                var stats = await db.Set<MemberStatsEntity>()
                    .FirstOrDefaultAsync(s => s.MemberId == @event.MemberId, cancellationToken);
                if (stats is null)
                {
                    stats = new MemberStatsEntity { MemberId = @event.MemberId };
                    db.Add(stats);
                }
                var previous = new GamificationRules.Progress(
                    stats.TotalExp,
                    stats.Level,
                    stats.StreakDays,
                    stats.LastStudyDate
                );
                var next = GamificationRules.Apply(previous, @event.Quality, day);
                (stats.TotalExp, stats.Level, stats.StreakDays, stats.LastStudyDate) = (
                    next.TotalExp,
                    next.Level,
                    next.StreakDays,
                    next.LastStudyDate
                );
                stats.UpdatedAt = now;
                stats.Version++;
                await db.SaveChangesAsync(cancellationToken);
                return (previous, next);
            },
            cancellationToken
        );
        metrics.XpAwarded(GamificationRules.XpFor(@event.Quality));
        foreach (var badge in GamificationRules.BadgesFor(before, after))
        {
            await AwardOnceAsync(@event.MemberId, badge, now, cancellationToken);
        }
    }

    private async Task AwardOnceAsync(
        long memberId,
        BadgeType badge,
        DateTime now,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (
            await db.Set<EarnedBadgeEntity>()
                .AnyAsync(b => b.MemberId == memberId && b.BadgeType == badge, cancellationToken)
        )
        {
            return;
        }
        var (name, description) = GamificationRules.Describe(badge);
        db.Add(
            new EarnedBadgeEntity
            {
                MemberId = memberId,
                BadgeType = badge,
                Name = name,
                Description = description,
                EarnedAt = now,
            }
        );
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Member {MemberId} earned badge {Badge}", memberId, badge);
        }
        catch (Exception exception) when (DbConflict.IsConflict(exception))
        {
            // Another review awarded it first.
        }
    }
}
