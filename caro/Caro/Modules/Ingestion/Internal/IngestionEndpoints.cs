using Caro.Modules.Ingestion.Contracts;
using Caro.Modules.Workbook.Contracts;
using Caro.Shared.Api;
using Caro.Shared.Settings;
using Caro.Shared.Validation;

namespace Caro.Modules.Ingestion.Internal;

internal static class IngestionEndpoints
{
    public const string StartedMessage = "Processing started";

    public sealed record UploadRequest(long MemberId, long DeckId, string ImageData);

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/ingestion").WithTags("Ingestion");
        group
            .MapPost("/upload", UploadAsync)
            .Accepts<UploadRequest>("application/json")
            .Produces<ApiEnvelope<UploadAccepted>>(202);
        group.MapGet("/status/{jobId}", GetStatusAsync).Produces<ApiEnvelope<IngestionJobDto>>();
    }

    private static async Task<IResult> UploadAsync(
        HttpContext context,
        IIngestionService ingestion,
        IWorkbookService workbook,
        CaroSettings settings
    )
    {
        var body = await JsonBody.ReadAsync(context, settings.MaxRequestBodyBytes);
        var memberId = body.Id("memberId");
        var deckId = body.Id("deckId");
        var imageData = body.String("imageData", required: true, maxLength: int.MaxValue);
        body.ThrowIfInvalid();
        await workbook.GetMemberDeckAsync(memberId, deckId, context.RequestAborted);
        var jobId = await ingestion.SubmitAsync(
            memberId,
            deckId,
            imageData!,
            context.RequestAborted
        );
        return ApiResults.Accepted(new UploadAccepted(jobId, StartedMessage));
    }

    private static async Task<IResult> GetStatusAsync(
        HttpContext context,
        IIngestionService ingestion
    )
    {
        var jobId = context.Request.RouteValues["jobId"] as string ?? "";
        var job =
            jobId.Length <= 36 ? await ingestion.GetJobAsync(jobId, context.RequestAborted) : null;
        return ApiResults.Ok(job ?? throw ApiException.NotFound("Job", jobId));
    }
}
