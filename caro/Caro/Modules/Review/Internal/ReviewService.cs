using Caro.Modules.Member.Contracts;
using Caro.Modules.Review.Contracts;
using Caro.Modules.Workbook.Contracts;
using Caro.Shared.Api;
using Caro.Shared.Concurrency;
using Caro.Shared.Events;
using Caro.Shared.Persistence;
using Caro.Shared.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace Caro.Modules.Review.Internal;

/// <summary>
/// Records reviews. Writes to one (member, card) row are serialised in-process (striped lock) and
/// protected across processes by the row version (optimistic concurrency with retry), so concurrent
/// reviews of one card never lose an update.
/// </summary>
internal sealed class ReviewService(
    IDbContextFactory<CaroDbContext> factory,
    IMemberService members,
    IWorkbookService workbook,
    IEventPublisher events,
    CaroMetrics metrics,
    ReviewLocks locks,
    TimeProvider clock
) : IReviewService
{
    public async Task<ReviewLogDto> RecordReviewAsync(
        RecordReview review,
        CancellationToken cancellationToken
    )
    {
        if (review.Quality is < 0 or > 5)
        {
            throw ApiException.Validation(["quality: must be between 0 and 5"]);
        }
        await CheckCardAsync(review.MemberId, review.CardId, review.DeckId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        ReviewLogEntity saved;
        using (await locks.Rows.AcquireAsync((review.MemberId, review.CardId), cancellationToken))
        {
            saved = await DbConflict.RetryAsync(
                factory,
                async db =>
                {
                    var row = await LoadOrAddAsync(
                        db,
                        review.MemberId,
                        review.CardId,
                        now,
                        today,
                        cancellationToken
                    );
                    var next = Sm2.Apply(
                        new Sm2.State(row.EaseFactor, row.ReviewInterval, row.Repetitions),
                        review.Quality
                    );
                    row.Quality = review.Quality;
                    row.EaseFactor = next.EaseFactor;
                    row.ReviewInterval = next.Interval;
                    row.Repetitions = next.Repetitions;
                    row.NextReviewDate = Sm2.NextReviewDate(today, next.Interval);
                    row.UpdatedAt = now;
                    row.Version++;
                    await db.SaveChangesAsync(cancellationToken);
                    return row;
                },
                cancellationToken
            );
        }
        metrics.ReviewRecorded(review.Quality);
        await events.PublishAsync(
            new CardReviewedEvent(
                saved.Id,
                review.MemberId,
                review.CardId,
                review.DeckId,
                review.Quality,
                review.ReviewTimeMs,
                now
            ),
            cancellationToken
        );
        return ToDto(saved);
    }

    public async Task<ReviewLogDto> InitializeAsync(
        long memberId,
        long cardId,
        CancellationToken cancellationToken
    )
    {
        await members.RequireAsync(memberId, cancellationToken);
        _ =
            await workbook.GetCardAsync(cardId, cancellationToken)
            ?? throw ApiException.NotFound("Card", cardId);
        var now = clock.GetUtcNow().UtcDateTime;
        using (await locks.Rows.AcquireAsync((memberId, cardId), cancellationToken))
        {
            return await DbConflict.RetryAsync(
                factory,
                async db =>
                {
                    var row = await LoadOrAddAsync(
                        db,
                        memberId,
                        cardId,
                        now,
                        DateOnly.FromDateTime(now),
                        cancellationToken
                    );
                    await db.SaveChangesAsync(cancellationToken);
                    return ToDto(row);
                },
                cancellationToken
            );
        }
    }

    public async Task<IReadOnlyList<long>> GetDueCardIdsAsync(
        long memberId,
        CancellationToken cancellationToken
    ) => (await GetDueAsync(memberId, cancellationToken)).Select(r => r.CardId).ToList();

    public async Task<IReadOnlyList<ReviewLogDto>> GetDueAsync(
        long memberId,
        CancellationToken cancellationToken
    )
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<ReviewLogEntity>()
            .AsNoTracking()
            .Where(r => r.MemberId == memberId && r.NextReviewDate <= today)
            .OrderBy(r => r.Id)
            .ToListAsync(cancellationToken);
        return rows.Select(ToDto).ToList();
    }

    private async Task CheckCardAsync(
        long memberId,
        long cardId,
        long deckId,
        CancellationToken cancellationToken
    )
    {
        await members.RequireAsync(memberId, cancellationToken);
        var card =
            await workbook.GetCardAsync(cardId, cancellationToken)
            ?? throw ApiException.NotFound("Card", cardId);
        if (card.DeckId != deckId)
        {
            _ =
                await workbook.GetDeckAsync(deckId, cancellationToken)
                ?? throw ApiException.NotFound("Deck", deckId);
            throw ApiException.Invalid($"Card {cardId} does not belong to deck {deckId}");
        }
    }

    private static async Task<ReviewLogEntity> LoadOrAddAsync(
        CaroDbContext db,
        long memberId,
        long cardId,
        DateTime now,
        DateOnly today,
        CancellationToken cancellationToken
    )
    {
        var row = await db.Set<ReviewLogEntity>()
            .FirstOrDefaultAsync(
                r => r.MemberId == memberId && r.CardId == cardId,
                cancellationToken
            );
        if (row is null)
        {
            row = new ReviewLogEntity
            {
                MemberId = memberId,
                CardId = cardId,
                NextReviewDate = today,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Add(row);
        }
        return row;
    }

    private static ReviewLogDto ToDto(ReviewLogEntity row) =>
        new(
            row.Id,
            row.MemberId,
            row.CardId,
            row.EaseFactor,
            row.ReviewInterval,
            row.Repetitions,
            row.NextReviewDate
        );
}

/// <summary>Process-wide row locks for review scheduling (singleton).</summary>
internal sealed class ReviewLocks
{
    public StripedLock Rows { get; } = new(1024);
}
