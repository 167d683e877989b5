using System.Net;
using Caro.Tests.Support;

namespace Caro.Tests.Api;

/// <summary>Every endpoint's success and failure statuses, with the envelope's error code (shared setup).</summary>
public abstract class EndpointStatusFixture
{
    protected CaroHost Host { get; private set; } = null!;
    protected long MemberId { get; private set; }
    protected long OtherMemberId { get; private set; }
    protected long DeckId { get; private set; }
    protected long OtherDeckId { get; private set; }
    protected long CardId { get; private set; }

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Host = await CaroHost.StartAsync();
        MemberId = (
            await Host.Api.PostApiAsync(
                "/api/members",
                new { email = "owner@caro.test", nickname = "owner" }
            )
        ).Id;
        OtherMemberId = (
            await Host.Api.PostApiAsync(
                "/api/members",
                new { email = "other@caro.test", nickname = "other" }
            )
        ).Id;
        DeckId = (
            await Host.Api.PostApiAsync(
                "/api/workbook/decks",
                new { memberId = MemberId, name = "Deck" }
            )
        ).Id;
        OtherDeckId = (
            await Host.Api.PostApiAsync(
                "/api/workbook/decks",
                new { memberId = OtherMemberId, name = "Other" }
            )
        ).Id;
        CardId = (
            await Host.Api.PostApiAsync(
                "/api/workbook/cards",
                new
                {
                    memberId = MemberId,
                    deckId = DeckId,
                    front = "f",
                    back = "b",
                }
            )
        ).Id;
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await Host.DisposeAsync();

    protected async Task ExpectAsync(
        HttpMethod method,
        string path,
        object? body,
        HttpStatusCode status,
        string? code = null,
        string? messagePart = null
    )
    {
        var response = await Host.Api.SendApiAsync(method, path, body);
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
}
