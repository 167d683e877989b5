using Caro.Modules.Member.Contracts;
using Caro.Modules.Workbook.Contracts;
using Caro.Shared.Api;
using Caro.Shared.Settings;
using Caro.Shared.Validation;

namespace Caro.Modules.Workbook.Internal;

internal static class WorkbookEndpoints
{
    public sealed record CreateDeckRequest(long MemberId, string Name, string? Description);

    public sealed record CreateCardRequest(long MemberId, long DeckId, string Front, string Back);

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workbook").WithTags("Workbook");
        group
            .MapPost("/decks", CreateDeckAsync)
            .Accepts<CreateDeckRequest>("application/json")
            .Produces<ApiEnvelope<DeckDto>>(201);
        group.MapGet("/decks", GetDecksAsync).Produces<ApiEnvelope<IReadOnlyList<DeckDto>>>();
        group.MapGet("/decks/{deckId}", GetDeckAsync).Produces<ApiEnvelope<DeckDto>>();
        group.MapDelete("/decks/{deckId}", DeleteDeckAsync).Produces(204);
        group
            .MapGet("/decks/{deckId}/cards", GetCardsAsync)
            .Produces<ApiEnvelope<IReadOnlyList<CardDto>>>();
        group
            .MapPost("/cards", CreateCardAsync)
            .Accepts<CreateCardRequest>("application/json")
            .Produces<ApiEnvelope<CardDto>>(201);
        group.MapGet("/cards/{cardId}", GetCardAsync).Produces<ApiEnvelope<CardDto>>();
        group.MapDelete("/cards/{cardId}", DeleteCardAsync).Produces(204);
    }

    private static async Task<IResult> CreateDeckAsync(
        HttpContext context,
        IWorkbookService workbook,
        IMemberService members,
        CaroSettings settings
    )
    {
        var body = await JsonBody.ReadAsync(context, settings.MaxRequestBodyBytes);
        var memberId = body.Id("memberId");
        var name = body.String("name", required: true);
        var description = body.String("description", required: false, notBlank: false);
        body.ThrowIfInvalid();
        await members.RequireAsync(memberId, context.RequestAborted);
        return ApiResults.Created(
            await workbook.CreateDeckAsync(memberId, name!, description, context.RequestAborted)
        );
    }

    private static async Task<IResult> GetDecksAsync(
        HttpContext context,
        IWorkbookService workbook
    ) =>
        ApiResults.Ok(
            await workbook.GetDecksAsync(
                RequestValues.QueryId(context, "memberId"),
                context.RequestAborted
            )
        );

    private static async Task<IResult> GetDeckAsync(HttpContext context, IWorkbookService workbook)
    {
        var deckId = RequestValues.RouteId(context, "deckId");
        return ApiResults.Ok(
            await workbook.GetDeckAsync(deckId, context.RequestAborted)
                ?? throw ApiException.NotFound("Deck", deckId)
        );
    }

    private static async Task<IResult> DeleteDeckAsync(
        HttpContext context,
        IWorkbookService workbook
    )
    {
        await workbook.DeleteDeckAsync(
            RequestValues.RouteId(context, "deckId"),
            context.RequestAborted
        );
        return ApiResults.NoContent();
    }

    private static async Task<IResult> GetCardsAsync(HttpContext context, IWorkbookService workbook)
    {
        var deckId = RequestValues.RouteId(context, "deckId");
        _ =
            await workbook.GetDeckAsync(deckId, context.RequestAborted)
            ?? throw ApiException.NotFound("Deck", deckId);
        return ApiResults.Ok(await workbook.GetCardsAsync(deckId, context.RequestAborted));
    }

    private static async Task<IResult> CreateCardAsync(
        HttpContext context,
        IWorkbookService workbook,
        CaroSettings settings
    )
    {
        var body = await JsonBody.ReadAsync(context, settings.MaxRequestBodyBytes);
        var memberId = body.Id("memberId");
        var deckId = body.Id("deckId");
        var front = body.String("front", required: true, maxLength: 2000);
        var back = body.String("back", required: true, maxLength: 2000);
        body.ThrowIfInvalid();
        await workbook.GetMemberDeckAsync(memberId, deckId, context.RequestAborted);
        return ApiResults.Created(
            await workbook.CreateCardAsync(deckId, front!, back!, context.RequestAborted)
        );
    }

    private static async Task<IResult> GetCardAsync(HttpContext context, IWorkbookService workbook)
    {
        var cardId = RequestValues.RouteId(context, "cardId");
        return ApiResults.Ok(
            await workbook.GetCardAsync(cardId, context.RequestAborted)
                ?? throw ApiException.NotFound("Card", cardId)
        );
    }

    private static async Task<IResult> DeleteCardAsync(
        HttpContext context,
        IWorkbookService workbook
    )
    {
        await workbook.DeleteCardAsync(
            RequestValues.RouteId(context, "cardId"),
            context.RequestAborted
        );
        return ApiResults.NoContent();
    }
}
