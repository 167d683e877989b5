using System.Globalization;
using Caro.Modules.Analytics.Contracts;
using Caro.Modules.Notification.Contracts;
using Caro.Modules.Review.Contracts;
using Caro.Shared.Events;
using Caro.Shared.Persistence;
using Caro.Shared.Settings;
using Microsoft.EntityFrameworkCore;

namespace Caro.Modules.Notification.Internal;

/// <summary>
/// Sends the daily-goal notification exactly once per member per day: when the event day's count
/// (already updated by Analytics, which runs first) has reached the goal, the (member, day) row is
/// inserted; only the insert that wins sends.
/// </summary>
internal sealed class GoalNotificationListener(
    IAnalyticsService analytics,
    IDbContextFactory<CaroDbContext> factory,
    CaroSettings settings,
    TimeProvider clock,
    ILogger<GoalNotificationListener> logger
) : IEventListener<CardReviewedEvent>
{
    public int Order => 30;

    public async Task HandleAsync(CardReviewedEvent @event, CancellationToken cancellationToken)
    {
        var day = DateOnly.FromDateTime(@event.ReviewedAt);
        var count = await analytics.GetCardCountAsync(@event.MemberId, day, cancellationToken);
        if (count < settings.DailyGoalCards)
        {
            return;
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (
            await db.Set<GoalNotificationEntity>()
                .AnyAsync(
                    n => n.MemberId == @event.MemberId && n.GoalDate == day,
                    cancellationToken
                )
        )
        {
            return;
        }
        db.Add(
            new GoalNotificationEntity
            {
                MemberId = @event.MemberId,
                GoalDate = day,
                Goal = settings.DailyGoalCards,
                SentAt = clock.GetUtcNow().UtcDateTime,
            }
        );
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (DbConflict.IsConflict(exception))
        {
            return;
        }
        var goal = settings.DailyGoalCards.ToString(CultureInfo.InvariantCulture);
        logger.LogInformation(
            "[Notification] Sending to memberId={MemberId}: [{Type}] {Title} - {Message}",
            @event.MemberId,
            "GOAL_ACHIEVED",
            "오늘의 목표 달성!",
            $"축하합니다! 오늘 {goal}장의 카드를 복습했습니다."
        );
    }
}

internal sealed class NotificationService(IDbContextFactory<CaroDbContext> factory)
    : INotificationService
{
    public async Task<IReadOnlyList<GoalNotificationDto>> GetGoalNotificationsAsync(
        long memberId,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<GoalNotificationEntity>()
            .AsNoTracking()
            .Where(n => n.MemberId == memberId)
            .ToListAsync(cancellationToken);
        return rows.OrderBy(n => n.GoalDate)
            .Select(n => new GoalNotificationDto(n.MemberId, n.GoalDate, n.Goal, n.SentAt))
            .ToList();
    }
}
