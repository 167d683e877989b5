using System.Net;
using Caro.Tests.Support;

namespace Caro.Tests.Api;

/// <summary>Every endpoint's success and failure statuses, with the envelope's error code.</summary>
public sealed class EndpointStatusTests
{
    private CaroHost _host = null!;
    private long _member;
    private long _otherMember;
    private long _deck;
    private long _otherDeck;
    private long _card;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _host = await CaroHost.StartAsync();
        _member = (
            await _host.Api.PostApiAsync(
                "/api/members",
                new { email = "owner@caro.test", nickname = "owner" }
            )
        ).Id;
        _otherMember = (
            await _host.Api.PostApiAsync(
                "/api/members",
                new { email = "other@caro.test", nickname = "other" }
            )
        ).Id;
        _deck = (
            await _host.Api.PostApiAsync(
                "/api/workbook/decks",
                new { memberId = _member, name = "Deck" }
            )
        ).Id;
        _otherDeck = (
            await _host.Api.PostApiAsync(
                "/api/workbook/decks",
                new { memberId = _otherMember, name = "Other" }
            )
        ).Id;
        _card = (
            await _host.Api.PostApiAsync(
                "/api/workbook/cards",
                new
                {
                    memberId = _member,
                    deckId = _deck,
                    front = "f",
                    back = "b",
                }
            )
        ).Id;
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    private async Task ExpectAsync(
        HttpMethod method,
        string path,
        object? body,
        HttpStatusCode status,
        string? code = null,
        string? messagePart = null
    )
    {
        var response = await _host.Api.SendApiAsync(method, path, body);
        Assert.That(response.Status, Is.EqualTo(status), $"{method} {path}: {response.Raw}");
        if (status == HttpStatusCode.NoContent)
        {
            Assert.That(response.Raw, Is.Empty);
            return;
        }
        Assert.That(
            response.Body!.Value.GetProperty("success").GetBoolean(),
            Is.EqualTo((int)status < 400),
            $"{method} {path}"
        );
        Assert.That(response.Body.Value.GetProperty("timestamp").GetString(), Does.EndWith("Z"));
        Assert.That(response.ErrorCode, Is.EqualTo(code), $"{method} {path}");
        if (messagePart is not null)
        {
            Assert.That(response.ErrorMessage, Does.Contain(messagePart), $"{method} {path}");
        }
    }

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
        await ExpectAsync(HttpMethod.Get, $"/api/members/{_member}", null, HttpStatusCode.OK);
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
            $"/api/members/{_member}/nickname",
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
            $"/api/members/{_member}/nickname",
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
            new { memberId = _member, name = "D2" },
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
            new { memberId = _member },
            HttpStatusCode.BadRequest,
            "VALIDATION_ERROR",
            "name: must not be null"
        );
        await ExpectAsync(
            HttpMethod.Get,
            $"/api/workbook/decks?memberId={_member}",
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
        await ExpectAsync(HttpMethod.Get, $"/api/workbook/decks/{_deck}", null, HttpStatusCode.OK);
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
            $"/api/workbook/decks/{_deck}/cards",
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
            await _host.Api.PostApiAsync(
                "/api/workbook/decks",
                new { memberId = _member, name = "Doomed" }
            )
        ).Id;
        var doomedCard = (
            await _host.Api.PostApiAsync(
                "/api/workbook/cards",
                new
                {
                    memberId = _member,
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
                memberId = _member,
                deckId = _deck,
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
                memberId = _member,
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
                memberId = _member,
                deckId = _otherDeck,
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
                memberId = _member,
                deckId = _deck,
                front = new string('q', 2001),
                back = "a",
            },
            HttpStatusCode.BadRequest,
            "VALIDATION_ERROR",
            "front: size must be between 0 and 2000"
        );
        await ExpectAsync(HttpMethod.Get, $"/api/workbook/cards/{_card}", null, HttpStatusCode.OK);
        await ExpectAsync(
            HttpMethod.Get,
            "/api/workbook/cards/999999",
            null,
            HttpStatusCode.NotFound,
            "NOT_FOUND",
            "Card not found: 999999"
        );
        var doomed = (
            await _host.Api.PostApiAsync(
                "/api/workbook/cards",
                new
                {
                    memberId = _member,
                    deckId = _deck,
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
            Review(_member, _deck, _card),
            HttpStatusCode.OK
        );
        await ExpectAsync(
            HttpMethod.Post,
            "/api/review",
            Review(_member, _deck, 999999),
            HttpStatusCode.NotFound,
            "NOT_FOUND",
            "Card not found"
        );
        await ExpectAsync(
            HttpMethod.Post,
            "/api/review",
            Review(999999, _deck, _card),
            HttpStatusCode.NotFound,
            "NOT_FOUND",
            "Member not found"
        );
        await ExpectAsync(
            HttpMethod.Post,
            "/api/review",
            Review(_member, 999999, _card),
            HttpStatusCode.NotFound,
            "NOT_FOUND",
            "Deck not found"
        );
        await ExpectAsync(
            HttpMethod.Post,
            "/api/review",
            Review(_member, _otherDeck, _card),
            HttpStatusCode.BadRequest,
            "INVALID_REQUEST",
            "does not belong to deck"
        );
        await ExpectAsync(
            HttpMethod.Post,
            "/api/review",
            Review(_member, _deck, _card, quality: 6),
            HttpStatusCode.BadRequest,
            "VALIDATION_ERROR",
            "quality: must be less than or equal to 5"
        );
        await ExpectAsync(
            HttpMethod.Post,
            "/api/review",
            new
            {
                memberId = _member,
                deckId = _deck,
                cardId = _card,
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
            new { memberId = _member, cardId = _card },
            HttpStatusCode.OK
        );
        await ExpectAsync(
            HttpMethod.Post,
            "/api/review/initialize",
            new { memberId = _member, cardId = 999999 },
            HttpStatusCode.NotFound,
            "NOT_FOUND"
        );
        await ExpectAsync(
            HttpMethod.Post,
            "/api/review/initialize",
            new { memberId = _member },
            HttpStatusCode.BadRequest,
            "VALIDATION_ERROR",
            "cardId: must not be null"
        );
        await ExpectAsync(
            HttpMethod.Get,
            $"/api/review/today?memberId={_member}",
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
            $"/api/review/today/details?memberId={_member}",
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
        var defaults = await _host.Api.GetApiAsync("/api/gamification/stats/777777");
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
                memberId = _member,
                deckId = _deck,
                imageData = "img",
            },
            HttpStatusCode.Accepted
        );
        await ExpectAsync(
            HttpMethod.Post,
            "/api/ingestion/upload",
            new
            {
                memberId = _member,
                deckId = 999999,
                imageData = "img",
            },
            HttpStatusCode.NotFound,
            "NOT_FOUND"
        );
        await ExpectAsync(
            HttpMethod.Post,
            "/api/ingestion/upload",
            new { memberId = _member, deckId = _deck },
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
