using System.Net;
using Caro.Tests.Support;

namespace Caro.Tests.Api;

/// <summary>Review, Gamification and Ingestion endpoints.</summary>
public sealed class ReviewAndIngestionStatusTests : EndpointStatusFixture
{
    [Test]
    public async Task Reviews()
    {
        object Review(long member, long deck, long card, int quality = 4) =>
            new
            {
                memberId = member,
                deckId = deck,
                cardId = card,
                quality,
                reviewTimeMs = 1000,
            };
        await ExpectAsync(
            HttpMethod.Post,
            "/api/review",
            Review(MemberId, DeckId, CardId),
            HttpStatusCode.OK
        );
        await ExpectAsync(
            HttpMethod.Post,
            "/api/review",
            Review(MemberId, DeckId, 999999),
            HttpStatusCode.NotFound,
            "NOT_FOUND",
            "Card not found"
        );
        await ExpectAsync(
            HttpMethod.Post,
            "/api/review",
            Review(999999, DeckId, CardId),
            HttpStatusCode.NotFound,
            "NOT_FOUND",
            "Member not found"
        );
        await ExpectAsync(
            HttpMethod.Post,
            "/api/review",
            Review(MemberId, 999999, CardId),
            HttpStatusCode.NotFound,
            "NOT_FOUND",
            "Deck not found"
        );
        await ExpectAsync(
            HttpMethod.Post,
            "/api/review",
            Review(MemberId, OtherDeckId, CardId),
            HttpStatusCode.BadRequest,
            "INVALID_REQUEST",
            "does not belong to deck"
        );
        await ExpectAsync(
            HttpMethod.Post,
            "/api/review",
            Review(MemberId, DeckId, CardId, quality: 6),
            HttpStatusCode.BadRequest,
            "VALIDATION_ERROR",
            "quality: must be less than or equal to 5"
        );
        await ExpectAsync(
            HttpMethod.Post,
            "/api/review",
            new
            {
                memberId = MemberId,
                deckId = DeckId,
                cardId = CardId,
                quality = 3,
                reviewTimeMs = 0,
            },
            HttpStatusCode.BadRequest,
            "VALIDATION_ERROR",
            "reviewTimeMs: must be greater than 0"
        );
        await ExpectAsync(
            HttpMethod.Post,
            "/api/review/initialize",
            new { memberId = MemberId, cardId = CardId },
            HttpStatusCode.OK
        );
        await ExpectAsync(
            HttpMethod.Post,
            "/api/review/initialize",
            new { memberId = MemberId, cardId = 999999 },
            HttpStatusCode.NotFound,
            "NOT_FOUND"
        );
        await ExpectAsync(
            HttpMethod.Post,
            "/api/review/initialize",
            new { memberId = MemberId },
            HttpStatusCode.BadRequest,
            "VALIDATION_ERROR",
            "cardId: must not be null"
        );
        await ExpectAsync(
            HttpMethod.Get,
            $"/api/review/today?memberId={MemberId}",
            null,
            HttpStatusCode.OK
        );
        await ExpectAsync(
            HttpMethod.Get,
            "/api/review/today?memberId=x",
            null,
            HttpStatusCode.BadRequest,
            "VALIDATION_ERROR",
            "memberId: must be an integer"
        );
        await ExpectAsync(
            HttpMethod.Get,
            $"/api/review/today/details?memberId={MemberId}",
            null,
            HttpStatusCode.OK
        );
        await ExpectAsync(
            HttpMethod.Get,
            "/api/review/today/details",
            null,
            HttpStatusCode.BadRequest,
            "VALIDATION_ERROR"
        );
    }

    [Test]
    public async Task GamificationAndIngestion()
    {
        var defaults = await Host.Api.GetApiAsync("/api/gamification/stats/777777");
        Assert.That(defaults.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(
            defaults.Data.ToString(),
            Is.EqualTo("""{"memberId":777777,"totalExp":0,"level":1,"streakDays":0}""")
        );
        await ExpectAsync(
            HttpMethod.Get,
            "/api/gamification/badges/777777",
            null,
            HttpStatusCode.OK
        );
        await ExpectAsync(
            HttpMethod.Get,
            "/api/gamification/stats/zero",
            null,
            HttpStatusCode.BadRequest,
            "VALIDATION_ERROR"
        );

        await ExpectAsync(
            HttpMethod.Post,
            "/api/ingestion/upload",
            new
            {
                memberId = MemberId,
                deckId = DeckId,
                imageData = "img",
            },
            HttpStatusCode.Accepted
        );
        await ExpectAsync(
            HttpMethod.Post,
            "/api/ingestion/upload",
            new
            {
                memberId = MemberId,
                deckId = 999999,
                imageData = "img",
            },
            HttpStatusCode.NotFound,
            "NOT_FOUND",
            "Deck not found"
        );
        await ExpectAsync(
            HttpMethod.Post,
            "/api/ingestion/upload",
            new
            {
                memberId = 999999,
                deckId = DeckId,
                imageData = "img",
            },
            HttpStatusCode.NotFound,
            "NOT_FOUND",
            "Member not found"
        );
        await ExpectAsync(
            HttpMethod.Post,
            "/api/ingestion/upload",
            new
            {
                memberId = MemberId,
                deckId = OtherDeckId,
                imageData = "img",
            },
            HttpStatusCode.BadRequest,
            "INVALID_REQUEST",
            $"Deck {OtherDeckId} does not belong to member {MemberId}"
        );
        await ExpectAsync(
            HttpMethod.Post,
            "/api/ingestion/upload",
            new { memberId = MemberId, deckId = DeckId },
            HttpStatusCode.BadRequest,
            "VALIDATION_ERROR",
            "imageData: must not be null"
        );
        await ExpectAsync(
            HttpMethod.Get,
            "/api/ingestion/status/no-such-job",
            null,
            HttpStatusCode.NotFound,
            "NOT_FOUND",
            "Job not found: no-such-job"
        );
    }
}
