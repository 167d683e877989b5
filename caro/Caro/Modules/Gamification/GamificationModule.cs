using Caro.Modules.Gamification.Contracts;
using Caro.Modules.Gamification.Internal;
using Caro.Modules.Review.Contracts;
using Caro.Shared.Events;

namespace Caro.Modules.Gamification;

/// <summary>Gamification: XP, level, streak, badges; listens to CardReviewedEvent.</summary>
public static class GamificationModule
{
    public static IServiceCollection AddGamificationModule(this IServiceCollection services) =>
        services
            .AddScoped<IGamificationService, GamificationService>()
            .AddScoped<IEventListener<CardReviewedEvent>, GamificationListener>();

    public static void MapGamificationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/gamification").WithTags("Gamification");
        group.MapGet("/stats/{memberId}", GamificationEndpoints.GetStatsAsync);
        group.MapGet("/badges/{memberId}", GamificationEndpoints.GetBadgesAsync);
    }
}
