using Caro.Modules.Review.Contracts;
using Caro.Shared.Api;
using Caro.Shared.Settings;
using Caro.Shared.Validation;

namespace Caro.Modules.Review.Internal;

internal static class ReviewEndpoints
{
    public const string RecordedMessage = "Review recorded successfully";

    public sealed record RecordReviewRequest(
        long MemberId,
        long CardId,
        long DeckId,
        int Quality,
        long ReviewTimeMs
    );

    public sealed record InitializeRequest(long MemberId, long CardId);

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/review").WithTags("Review");
        group.MapGet("/today", GetTodayAsync).Produces<ApiEnvelope<IReadOnlyList<long>>>();
        group
            .MapGet("/today/details", GetTodayDetailsAsync)
            .Produces<ApiEnvelope<IReadOnlyList<ReviewLogDto>>>();
        // Mapped on the app: an empty pattern inside a group would make the route "/api/review/".
        app.MapPost("/api/review", RecordAsync)
            .WithTags("Review")
            .Accepts<RecordReviewRequest>("application/json")
            .Produces<ApiEnvelope<string>>();
        group
            .MapPost("/initialize", InitializeAsync)
            .Accepts<InitializeRequest>("application/json")
            .Produces<ApiEnvelope<ReviewLogDto>>();
    }

    private static async Task<IResult> GetTodayAsync(HttpContext context, IReviewService reviews) =>
        ApiResults.Ok(
            await reviews.GetDueCardIdsAsync(
                RequestValues.QueryId(context, "memberId"),
                context.RequestAborted
            )
        );

    private static async Task<IResult> GetTodayDetailsAsync(
        HttpContext context,
        IReviewService reviews
    ) =>
        ApiResults.Ok(
            await reviews.GetDueAsync(
                RequestValues.QueryId(context, "memberId"),
                context.RequestAborted
            )
        );

    private static async Task<IResult> RecordAsync(
        HttpContext context,
        IReviewService reviews,
        CaroSettings settings
    )
    {
        var body = await JsonBody.ReadAsync(context, settings.MaxRequestBodyBytes);
        var memberId = body.Id("memberId");
        var cardId = body.Id("cardId");
        var deckId = body.Id("deckId");
        var quality = body.Int("quality", required: true, min: 0, max: 5);
        var reviewTimeMs = body.Long("reviewTimeMs", required: true, min: 1);
        body.ThrowIfInvalid();
        await reviews.RecordReviewAsync(
            new RecordReview(memberId, cardId, deckId, quality!.Value, reviewTimeMs!.Value),
            context.RequestAborted
        );
        return ApiResults.Ok(RecordedMessage);
    }

    private static async Task<IResult> InitializeAsync(
        HttpContext context,
        IReviewService reviews,
        CaroSettings settings
    )
    {
        var body = await JsonBody.ReadAsync(context, settings.MaxRequestBodyBytes);
        var memberId = body.Id("memberId");
        var cardId = body.Id("cardId");
        body.ThrowIfInvalid();
        return ApiResults.Ok(
            await reviews.InitializeAsync(memberId, cardId, context.RequestAborted)
        );
    }
}
