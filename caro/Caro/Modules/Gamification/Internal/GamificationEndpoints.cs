using Caro.Modules.Gamification.Contracts;
using Caro.Shared.Api;
using Caro.Shared.Validation;

namespace Caro.Modules.Gamification.Internal;

internal static class GamificationEndpoints
{
    public static async Task<IResult> GetStatsAsync(
        HttpContext context,
        IGamificationService gamification
    ) =>
        ApiResults.Ok(
            await gamification.GetStatsAsync(
                RequestValues.RouteId(context, "memberId"),
                context.RequestAborted
            )
        );

    public static async Task<IResult> GetBadgesAsync(
        HttpContext context,
        IGamificationService gamification
    ) =>
        ApiResults.Ok(
            await gamification.GetBadgesAsync(
                RequestValues.RouteId(context, "memberId"),
                context.RequestAborted
            )
        );
}
