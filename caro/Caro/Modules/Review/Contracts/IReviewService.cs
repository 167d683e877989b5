namespace Caro.Modules.Review.Contracts;

/// <summary>Review's public API: SM-2 scheduling per (member, card).</summary>
public interface IReviewService
{
    /// <summary>
    /// Checks member, card and deck (404 / 400 ApiException), applies SM-2, saves, then publishes
    /// <see cref="CardReviewedEvent"/>.
    /// </summary>
    Task<ReviewLogDto> RecordReviewAsync(RecordReview review, CancellationToken cancellationToken);

    /// <summary>Returns the existing scheduling row or creates a default one (due today).</summary>
    Task<ReviewLogDto> InitializeAsync(
        long memberId,
        long cardId,
        CancellationToken cancellationToken
    );

    Task<IReadOnlyList<long>> GetDueCardIdsAsync(
        long memberId,
        CancellationToken cancellationToken
    );

    Task<IReadOnlyList<ReviewLogDto>> GetDueAsync(
        long memberId,
        CancellationToken cancellationToken
    );
}

public sealed record RecordReview(
    long MemberId,
    long CardId,
    long DeckId,
    int Quality,
    long ReviewTimeMs
);

public sealed record ReviewLogDto(
    long Id,
    long MemberId,
    long CardId,
    double EaseFactor,
    int Interval,
    int Repetitions,
    DateOnly NextReviewDate
);

/// <summary>Published after a review is saved. <see cref="ReviewedAt"/> is UTC; its date is the study day.</summary>
public sealed record CardReviewedEvent(
    long ReviewId,
    long MemberId,
    long CardId,
    long DeckId,
    int Quality,
    long ReviewTimeMs,
    DateTime ReviewedAt
);
