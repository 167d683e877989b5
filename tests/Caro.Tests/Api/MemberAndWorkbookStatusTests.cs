using System.Net;
using Caro.Tests.Support;

namespace Caro.Tests.Api;

/// <summary>Member and Workbook endpoints.</summary>
public sealed class MemberAndWorkbookStatusTests : EndpointStatusFixture
{
    [Test]
    public async Task Members()
    {
        await ExpectAsync(
            HttpMethod.Post,
            "/api/members",
            new { email = "new@caro.test", nickname = "n" },
            HttpStatusCode.Created
        );
        await ExpectAsync(
            HttpMethod.Post,
            "/api/members",
            new { email = "new@caro.test", nickname = "n" },
            HttpStatusCode.Conflict,
            "DUPLICATE",
            "Member with email 'new@caro.test' already exists"
        );
        await ExpectAsync(
            HttpMethod.Post,
            "/api/members",
            new { email = "not-an-email", nickname = " " },
            HttpStatusCode.BadRequest,
            "VALIDATION_ERROR",
            "email: must be a well-formed email address, nickname: must not be blank"
        );
        await ExpectAsync(HttpMethod.Get, $"/api/members/{MemberId}", null, HttpStatusCode.OK);
        await ExpectAsync(
            HttpMethod.Get,
            "/api/members/999999",
            null,
            HttpStatusCode.NotFound,
            "NOT_FOUND",
            "Member not found: 999999"
        );
        await ExpectAsync(
            HttpMethod.Get,
            "/api/members/abc",
            null,
            HttpStatusCode.BadRequest,
            "VALIDATION_ERROR",
            "id: must be an integer"
        );
        await ExpectAsync(
            HttpMethod.Patch,
            $"/api/members/{MemberId}/nickname",
            new { nickname = "renamed" },
            HttpStatusCode.OK
        );
        await ExpectAsync(
            HttpMethod.Patch,
            "/api/members/999999/nickname",
            new { nickname = "x" },
            HttpStatusCode.NotFound,
            "NOT_FOUND"
        );
        await ExpectAsync(
            HttpMethod.Patch,
            $"/api/members/{MemberId}/nickname",
            new { nickname = new string('x', 256) },
            HttpStatusCode.BadRequest,
            "VALIDATION_ERROR",
            "nickname: size must be between 0 and 255"
        );
    }

    [Test]
    public async Task Decks()
    {
        await ExpectAsync(
            HttpMethod.Post,
            "/api/workbook/decks",
            new { memberId = MemberId, name = "D2" },
            HttpStatusCode.Created
        );
        await ExpectAsync(
            HttpMethod.Post,
            "/api/workbook/decks",
            new { memberId = 999999, name = "D" },
            HttpStatusCode.NotFound,
            "NOT_FOUND",
            "Member not found"
        );
        await ExpectAsync(
            HttpMethod.Post,
            "/api/workbook/decks",
            new { memberId = MemberId },
            HttpStatusCode.BadRequest,
            "VALIDATION_ERROR",
            "name: must not be null"
        );
        await ExpectAsync(
            HttpMethod.Get,
            $"/api/workbook/decks?memberId={MemberId}",
            null,
            HttpStatusCode.OK
        );
        await ExpectAsync(
            HttpMethod.Get,
            "/api/workbook/decks",
            null,
            HttpStatusCode.BadRequest,
            "VALIDATION_ERROR",
            "memberId: query parameter is required"
        );
        await ExpectAsync(HttpMethod.Get, $"/api/workbook/decks/{DeckId}", null, HttpStatusCode.OK);
        await ExpectAsync(
            HttpMethod.Get,
            "/api/workbook/decks/999999",
            null,
            HttpStatusCode.NotFound,
            "NOT_FOUND",
            "Deck not found: 999999"
        );
        await ExpectAsync(
            HttpMethod.Get,
            $"/api/workbook/decks/{DeckId}/cards",
            null,
            HttpStatusCode.OK
        );
        await ExpectAsync(
            HttpMethod.Get,
            "/api/workbook/decks/999999/cards",
            null,
            HttpStatusCode.NotFound,
            "NOT_FOUND"
        );
        await ExpectAsync(
            HttpMethod.Delete,
            "/api/workbook/decks/999999",
            null,
            HttpStatusCode.NotFound,
            "NOT_FOUND"
        );

        var doomed = (
            await Host.Api.PostApiAsync(
                "/api/workbook/decks",
                new { memberId = MemberId, name = "Doomed" }
            )
        ).Id;
        var doomedCard = (
            await Host.Api.PostApiAsync(
                "/api/workbook/cards",
                new
                {
                    memberId = MemberId,
                    deckId = doomed,
                    front = "f",
                    back = "b",
                }
            )
        ).Id;
        await ExpectAsync(
            HttpMethod.Delete,
            $"/api/workbook/decks/{doomed}",
            null,
            HttpStatusCode.NoContent
        );
        await ExpectAsync(
            HttpMethod.Get,
            $"/api/workbook/cards/{doomedCard}",
            null,
            HttpStatusCode.NotFound,
            "NOT_FOUND",
            $"Card not found: {doomedCard}"
        ); // the deck's cards went with it
    }

    [Test]
    public async Task Cards()
    {
        await ExpectAsync(
            HttpMethod.Post,
            "/api/workbook/cards",
            new
            {
                memberId = MemberId,
                deckId = DeckId,
                front = "q",
                back = "a",
            },
            HttpStatusCode.Created
        );
        await ExpectAsync(
            HttpMethod.Post,
            "/api/workbook/cards",
            new
            {
                memberId = MemberId,
                deckId = 999999,
                front = "q",
                back = "a",
            },
            HttpStatusCode.NotFound,
            "NOT_FOUND",
            "Deck not found"
        );
        await ExpectAsync(
            HttpMethod.Post,
            "/api/workbook/cards",
            new
            {
                memberId = MemberId,
                deckId = OtherDeckId,
                front = "q",
                back = "a",
            },
            HttpStatusCode.BadRequest,
            "INVALID_REQUEST",
            "does not belong to member"
        );
        await ExpectAsync(
            HttpMethod.Post,
            "/api/workbook/cards",
            new
            {
                memberId = MemberId,
                deckId = DeckId,
                front = new string('q', 2001),
                back = "a",
            },
            HttpStatusCode.BadRequest,
            "VALIDATION_ERROR",
            "front: size must be between 0 and 2000"
        );
        await ExpectAsync(HttpMethod.Get, $"/api/workbook/cards/{CardId}", null, HttpStatusCode.OK);
        await ExpectAsync(
            HttpMethod.Get,
            "/api/workbook/cards/999999",
            null,
            HttpStatusCode.NotFound,
            "NOT_FOUND",
            "Card not found: 999999"
        );
        var doomed = (
            await Host.Api.PostApiAsync(
                "/api/workbook/cards",
                new
                {
                    memberId = MemberId,
                    deckId = DeckId,
                    front = "x",
                    back = "y",
                }
            )
        ).Id;
        await ExpectAsync(
            HttpMethod.Delete,
            $"/api/workbook/cards/{doomed}",
            null,
            HttpStatusCode.NoContent
        );
        await ExpectAsync(
            HttpMethod.Delete,
            $"/api/workbook/cards/{doomed}",
            null,
            HttpStatusCode.NotFound,
            "NOT_FOUND"
        );
    }
}
