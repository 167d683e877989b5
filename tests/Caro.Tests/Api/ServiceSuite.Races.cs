using System.Net;
using Caro.Tests.Support;

namespace Caro.Tests.Api;

/// <summary>
/// Service suite: racing writes. The loser of a race gets what a sequential client would get
/// (204 once, then 404 Deck/Card not found), never a 500, and no card outlives its deck.
/// </summary>
public abstract partial class ServiceSuite
{
    private const int Racers = 20;

    [Test]
    public async Task ParallelDeletesOfOneCardGiveOne204AndOtherwise404()
    {
        var member = await CreateMemberAsync();
        var deck = await CreateDeckAsync(member);
        var card = await CreateCardAsync(member, deck);
        AssertOneWinner(
            await DeleteInParallelAsync($"/api/workbook/cards/{card}"),
            $"Card not found: {card}"
        );
    }

    [Test]
    public async Task ParallelDeletesOfOneDeckGiveOne204AndOtherwise404()
    {
        var member = await CreateMemberAsync();
        var deck = await CreateDeckAsync(member);
        for (var i = 0; i < 5; i++)
        {
            await CreateCardAsync(member, deck, $"Q{i}");
        }
        AssertOneWinner(
            await DeleteInParallelAsync($"/api/workbook/decks/{deck}"),
            $"Deck not found: {deck}"
        );
    }

    [Test]
    public async Task CardDeletesRacingTheirDeckDeleteNeverFail()
    {
        var member = await CreateMemberAsync();
        var deck = await CreateDeckAsync(member);
        var cards = new List<long>();
        for (var i = 0; i < 8; i++)
        {
            cards.Add(await CreateCardAsync(member, deck, $"Q{i}"));
        }
        var deletes = cards
            .Select(c => Api.SendApiAsync(HttpMethod.Delete, $"/api/workbook/cards/{c}"))
            .Append(Api.SendApiAsync(HttpMethod.Delete, $"/api/workbook/decks/{deck}"));
        var results = await Task.WhenAll(deletes);
        Assert.That(
            results.Select(r => r.Status),
            Is.All.AnyOf(HttpStatusCode.NoContent, HttpStatusCode.NotFound),
            string.Join(" | ", results.Select(r => $"{(int)r.Status} {r.Raw}")) + Errors()
        );
        Assert.That(results[^1].Status, Is.EqualTo(HttpStatusCode.NoContent), "the deck goes");
    }

    [Test]
    public async Task CardsCreatedWhileTheirDeckIsDeletedAre201Or404AndOutliveNoDeck()
    {
        var member = await CreateMemberAsync();
        var deck = await CreateDeckAsync(member);
        await CreateCardAsync(member, deck);
        var creates = Enumerable
            .Range(0, Racers)
            .Select(i =>
                Api.PostApiAsync(
                    "/api/workbook/cards",
                    new
                    {
                        memberId = member,
                        deckId = deck,
                        front = $"race {i}",
                        back = "b",
                    }
                )
            )
            .ToList();
        var delete = Api.SendApiAsync(HttpMethod.Delete, $"/api/workbook/decks/{deck}");
        var results = await Task.WhenAll(creates.Append(delete));
        Assert.That(results[^1].Status, Is.EqualTo(HttpStatusCode.NoContent), results[^1].Raw);
        var created = results[..^1];
        Assert.That(
            created.Select(r => r.Status),
            Is.All.AnyOf(HttpStatusCode.Created, HttpStatusCode.NotFound),
            string.Join(" | ", created.Select(r => $"{(int)r.Status} {r.Raw}")) + Errors()
        );
        Assert.That(
            created.Where(r => r.Status == HttpStatusCode.NotFound).Select(r => r.ErrorMessage),
            Is.All.EqualTo($"Deck not found: {deck}")
        );
        await AssertNoCardOutlivesItsDeckAsync(created);
    }

    [Test]
    public async Task ReviewsRacingTheirCardDeleteAre200Or404()
    {
        var member = await CreateMemberAsync();
        var deck = await CreateDeckAsync(member);
        var card = await CreateCardAsync(member, deck);
        var reviews = Enumerable
            .Range(0, Racers)
            .Select(i =>
                i % 2 == 0
                    ? ReviewAsync(member, deck, card)
                    : Api.PostApiAsync(
                        "/api/review/initialize",
                        new { memberId = member, cardId = card }
                    )
            )
            .ToList();
        var delete = Api.SendApiAsync(HttpMethod.Delete, $"/api/workbook/decks/{deck}");
        var results = await Task.WhenAll(reviews.Append(delete));
        Assert.That(results[^1].Status, Is.EqualTo(HttpStatusCode.NoContent), results[^1].Raw);
        Assert.That(
            results[..^1].Select(r => r.Status),
            Is.All.AnyOf(HttpStatusCode.OK, HttpStatusCode.NotFound),
            string.Join(" | ", results.Select(r => $"{(int)r.Status} {r.Raw}")) + Errors()
        );
    }

    private Task<ApiResponse[]> DeleteInParallelAsync(string path) =>
        Task.WhenAll(
            Enumerable.Range(0, Racers).Select(_ => Api.SendApiAsync(HttpMethod.Delete, path))
        );

    /// <summary>Every card whose creation answered 201 is gone with its (deleted) deck.</summary>
    protected async Task AssertNoCardOutlivesItsDeckAsync(IEnumerable<ApiResponse> responses)
    {
        foreach (var card in responses.Where(r => r.Status == HttpStatusCode.Created))
        {
            Assert.That(
                (await Api.GetApiAsync($"/api/workbook/cards/{card.Id}")).Status,
                Is.EqualTo(HttpStatusCode.NotFound),
                "a card created before the delete goes with its deck"
            );
        }
    }

    private void AssertOneWinner(ApiResponse[] results, string notFound)
    {
        var summary =
            string.Join(" | ", results.Select(r => $"{(int)r.Status} {r.ErrorMessage}"))
            + " "
            + Errors();
        Assert.That(
            results.Count(r => r.Status == HttpStatusCode.NoContent),
            Is.EqualTo(1),
            summary
        );
        Assert.That(
            results.Where(r => r.Status != HttpStatusCode.NoContent).Select(r => r.Status),
            Is.All.EqualTo(HttpStatusCode.NotFound),
            summary
        );
        Assert.That(
            results.Where(r => r.Status == HttpStatusCode.NotFound).Select(r => r.ErrorMessage),
            Is.All.EqualTo(notFound)
        );
    }
}
