namespace Caro.Modules.Notification.Contracts;

/// <summary>Notification's public API: which daily-goal notifications were sent.</summary>
public interface INotificationService
{
    Task<IReadOnlyList<GoalNotificationDto>> GetGoalNotificationsAsync(
        long memberId,
        CancellationToken cancellationToken
    );
}

public enum NotificationType
{
    GoalAchieved,
    DeckCompleted,
    BadgeEarned,
    StreakReminder,
    System,
}

public sealed record GoalNotificationDto(long MemberId, DateOnly Date, int Goal, DateTime SentAt);
