namespace Caro.Modules.Ingestion.Contracts;

/// <summary>Ingestion's public API: AI-style card extraction as a background job.</summary>
public interface IIngestionService
{
    /// <summary>Stores a PENDING job and queues it; 503 ApiException when the queue is full.</summary>
    Task<string> SubmitAsync(
        long memberId,
        long deckId,
        string imageData,
        CancellationToken cancellationToken
    );

    Task<IngestionJobDto?> GetJobAsync(string jobId, CancellationToken cancellationToken);
}

public static class IngestionStatus
{
    public const string Pending = "PENDING";
    public const string Processing = "PROCESSING";
    public const string Completed = "COMPLETED";
    public const string Failed = "FAILED";
}

public sealed record IngestionJobDto(
    string JobId,
    long MemberId,
    long DeckId,
    string Status,
    string? Message
);

public sealed record UploadAccepted(string JobId, string Message);

public sealed record ExtractedCard(string Front, string Back);

/// <summary>Published when a job has extracted its cards; Workbook adds them to the deck.</summary>
public sealed record IngestionCompletedEvent(
    string JobId,
    long MemberId,
    long DeckId,
    IReadOnlyList<ExtractedCard> ExtractedCards,
    DateTime CompletedAt
);
