using Caro.Modules.Notification.Contracts;
using Caro.Modules.Notification.Internal;
using Caro.Modules.Review.Contracts;
using Caro.Shared.Events;

namespace Caro.Modules.Notification;

/// <summary>Notification: the daily-goal message (a log line), once per member per day.</summary>
public static class NotificationModule
{
    public static IServiceCollection AddNotificationModule(this IServiceCollection services) =>
        services
            .AddScoped<INotificationService, NotificationService>()
            .AddScoped<IEventListener<CardReviewedEvent>, GoalNotificationListener>();
}
