using Caro.Modules.Analytics.Contracts;
using Caro.Modules.Analytics.Internal;
using Caro.Modules.Review.Contracts;
using Caro.Shared.Events;

namespace Caro.Modules.Analytics;

/// <summary>Analytics: daily study counters; listens to CardReviewedEvent.</summary>
public static class AnalyticsModule
{
    public static IServiceCollection AddAnalyticsModule(this IServiceCollection services) =>
        services
            .AddScoped<IAnalyticsService, AnalyticsService>()
            .AddScoped<IEventListener<CardReviewedEvent>, AnalyticsListener>();
}
