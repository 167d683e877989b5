using System.Net;
using Caro.Modules.Analytics.Contracts;
using Caro.Modules.Notification.Contracts;
using Caro.Modules.Review.Contracts;
using Caro.Shared.Events;
using Caro.Tests.Support;

namespace Caro.Tests.Api;

/// <summary>Service suite: a study session end to end, and ingestion.</summary>
public abstract partial class ServiceSuite
{
    [Test]
    public async Task FullStudySession()
    {
        var member = await CreateMemberAsync();
        var deck = await CreateDeckAsync(member);
        var cards = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            cards.Add(await CreateCardAsync(member, deck, $"Q{i}"));
        }
        foreach (var card in cards)
        {
            var init = await Api.PostApiAsync(
                "/api/review/initialize",
                new { memberId = member, cardId = card }
            );
            Assert.That(init.Status, Is.EqualTo(HttpStatusCode.OK), init.Raw);
            Assert.That(init.Data.GetProperty("easeFactor").GetDouble(), Is.EqualTo(2.5));
        }
        var due = await Api.GetApiAsync($"/api/review/today?memberId={member}");
        Assert.That(due.Data.EnumerateArray().Select(e => e.GetInt64()), Is.EquivalentTo(cards));

        foreach (var card in cards)
        {
            var review = await ReviewAsync(member, deck, card);
            Assert.That(review.Status, Is.EqualTo(HttpStatusCode.OK), review.Raw);
            Assert.That(review.Data.GetString(), Is.EqualTo("Review recorded successfully"));
        }

        Assert.That(
            (await Api.GetApiAsync($"/api/review/today?memberId={member}")).Data.GetArrayLength(),
            Is.Zero
        );
        Assert.That(
            (
                await Api.GetApiAsync($"/api/review/today/details?memberId={member}")
            ).Data.GetArrayLength(),
            Is.Zero
        );
        var stats = (await Api.GetApiAsync($"/api/gamification/stats/{member}")).Data;
        Assert.That(stats.GetProperty("totalExp").GetInt64(), Is.EqualTo(45));
        Assert.That(stats.GetProperty("level").GetInt32(), Is.EqualTo(1));
        Assert.That(stats.GetProperty("streakDays").GetInt32(), Is.EqualTo(1));
        var badges = (await Api.GetApiAsync($"/api/gamification/badges/{member}")).Data;
        Assert.That(
            badges.EnumerateArray().Select(b => b.GetProperty("name").GetString()),
            Is.EqualTo(new[] { "첫 복습!" })
        );
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var daily = await Host.Service<IAnalyticsService>()
            .GetDailyStatsAsync(member, today, CancellationToken.None);
        Assert.That(daily, Is.EqualTo(new DailyStudyStatDto(member, today, 3, 4500)));
    }

    [Test]
    public async Task IngestionCreatesTheThreeCards()
    {
        var member = await CreateMemberAsync();
        var deck = await CreateDeckAsync(member);
        var upload = await Api.PostApiAsync(
            "/api/ingestion/upload",
            new
            {
                memberId = member,
                deckId = deck,
                imageData = "aGVsbG8=",
            }
        );
        Assert.That(upload.Status, Is.EqualTo(HttpStatusCode.Accepted), upload.Raw);
        Assert.That(
            upload.Data.GetProperty("message").GetString(),
            Is.EqualTo("Processing started")
        );
        var jobId = upload.Data.GetProperty("jobId").GetString();

        var status = await PollAsync(
            async () => await Api.GetApiAsync($"/api/ingestion/status/{jobId}"),
            r => r.Data.GetProperty("status").GetString() is "COMPLETED" or "FAILED"
        );
        Assert.That(
            status.Data.GetProperty("status").GetString(),
            Is.EqualTo("COMPLETED"),
            status.Raw
        );
        Assert.That(
            status.Data.GetProperty("message").GetString(),
            Is.EqualTo("Extracted 3 cards")
        );
        var cards = (await Api.GetApiAsync($"/api/workbook/decks/{deck}/cards")).Data;
        Assert.That(
            cards.EnumerateArray().Select(c => c.GetProperty("front").GetString()),
            Is.EqualTo(new[] { "Apple", "Banana", "Cherry" })
        );
    }
}
