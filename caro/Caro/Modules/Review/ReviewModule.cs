using Caro.Modules.Review.Contracts;
using Caro.Modules.Review.Internal;

namespace Caro.Modules.Review;

/// <summary>Review: SM-2 scheduling; publishes CardReviewedEvent.</summary>
public static class ReviewModule
{
    public static IServiceCollection AddReviewModule(this IServiceCollection services) =>
        services.AddSingleton<ReviewLocks>().AddScoped<IReviewService, ReviewService>();

    public static void MapReviewEndpoints(this IEndpointRouteBuilder app) =>
        ReviewEndpoints.Map(app);
}
