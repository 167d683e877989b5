using System.Net;
using Caro.Modules.Analytics.Contracts;
using Caro.Modules.Notification.Contracts;
using Caro.Modules.Review.Contracts;
using Caro.Shared.Events;
using Caro.Tests.Support;

namespace Caro.Tests.Api;

/// <summary>Service suite: concurrency and listener rules (no lost updates, once-only badge and goal notification, event dates).</summary>
public abstract partial class ServiceSuite
{
    [Test]
    public async Task ConcurrentReviewsOfOneCardLoseNoUpdate()
    {
        const int reviews = 24;
        var member = await CreateMemberAsync();
        var deck = await CreateDeckAsync(member);
        var card = await CreateCardAsync(member, deck);
        var results = await Task.WhenAll(
            Enumerable.Range(0, reviews).Select(_ => ReviewAsync(member, deck, card, quality: 5))
        );
        Assert.That(results.Select(r => r.Status), Is.All.EqualTo(HttpStatusCode.OK));

        var row = (
            await Api.PostApiAsync(
                "/api/review/initialize",
                new { memberId = member, cardId = card }
            )
        ).Data;
        Assert.That(
            row.GetProperty("repetitions").GetInt32(),
            Is.EqualTo(reviews),
            "every review advanced the same row"
        );
        var stats = (await Api.GetApiAsync($"/api/gamification/stats/{member}")).Data;
        Assert.That(
            stats.GetProperty("totalExp").GetInt64(),
            Is.EqualTo(reviews * 15),
            "no lost XP; errors: " + Errors()
        );
        Assert.That(stats.GetProperty("level").GetInt32(), Is.EqualTo(4));
        var badges = (await Api.GetApiAsync($"/api/gamification/badges/{member}")).Data;
        Assert.That(badges.GetArrayLength(), Is.EqualTo(1), "FIRST_REVIEW once, whatever the race");
        var count = await Host.Service<IAnalyticsService>()
            .GetCardCountAsync(
                member,
                DateOnly.FromDateTime(DateTime.UtcNow),
                CancellationToken.None
            );
        Assert.That(count, Is.EqualTo(reviews), "no lost analytics update");
    }

    [Test]
    public async Task DailyGoalNotificationFiresExactlyOnceUnderConcurrentReviews()
    {
        var member = await CreateMemberAsync();
        var deck = await CreateDeckAsync(member);
        var cards = new List<long>();
        for (var i = 0; i < 30; i++)
        {
            cards.Add(await CreateCardAsync(member, deck, $"Q{i}"));
        }
        var before = await Host.Service<INotificationService>()
            .GetGoalNotificationsAsync(member, CancellationToken.None);
        Assert.That(before, Is.Empty, "19 reviews or fewer: nothing yet");

        var results = await Task.WhenAll(cards.Select(card => ReviewAsync(member, deck, card)));
        Assert.That(results.Select(r => r.Status), Is.All.EqualTo(HttpStatusCode.OK));

        var sent = await Host.Service<INotificationService>()
            .GetGoalNotificationsAsync(member, CancellationToken.None);
        Assert.That(sent, Has.Count.EqualTo(1));
        Assert.That(sent[0].Goal, Is.EqualTo(20));
        Assert.That(
            Host.Logs.Count($"[Notification] Sending to memberId={member}:"),
            Is.EqualTo(1)
        );
    }

    [Test]
    public async Task ListenersUseTheEventDateForStreaksStatsAndGoals()
    {
        var member = await CreateMemberAsync();
        var publisher = Host.Service<IEventPublisher>();
        var monday = new DateTime(2026, 3, 2, 23, 59, 0, DateTimeKind.Utc);
        for (var day = 0; day < 7; day++)
        {
            await publisher.PublishAsync(
                new CardReviewedEvent(1, member, 1, 1, 4, 1000, monday.AddDays(day)),
                CancellationToken.None
            );
        }
        var stats = (await Api.GetApiAsync($"/api/gamification/stats/{member}")).Data;
        Assert.That(stats.GetProperty("streakDays").GetInt32(), Is.EqualTo(7));
        var badges = (await Api.GetApiAsync($"/api/gamification/badges/{member}")).Data;
        Assert.That(
            badges.EnumerateArray().Select(b => b.GetProperty("id").GetInt64()),
            Is.EqualTo(new long[] { 1, 3 }),
            "first review and 7-day streak"
        );

        // A late event (two days back) neither resets the streak nor awards anything twice.
        await publisher.PublishAsync(
            new CardReviewedEvent(1, member, 1, 1, 4, 1000, monday.AddDays(4)),
            CancellationToken.None
        );
        Assert.That(
            (await Api.GetApiAsync($"/api/gamification/stats/{member}"))
                .Data.GetProperty("streakDays")
                .GetInt32(),
            Is.EqualTo(7)
        );

        // 20 reviews dated one minute before midnight count for that day, not for "now".
        var lateNight = new DateTime(2026, 3, 20, 23, 59, 59, DateTimeKind.Utc);
        for (var i = 0; i < 20; i++)
        {
            await publisher.PublishAsync(
                new CardReviewedEvent(1, member, 1, 1, 4, 10, lateNight),
                CancellationToken.None
            );
        }
        var analytics = Host.Service<IAnalyticsService>();
        Assert.That(
            await analytics.GetCardCountAsync(
                member,
                new DateOnly(2026, 3, 20),
                CancellationToken.None
            ),
            Is.EqualTo(20)
        );
        Assert.That(
            await analytics.GetCardCountAsync(
                member,
                new DateOnly(2026, 3, 21),
                CancellationToken.None
            ),
            Is.Zero
        );
        var sent = await Host.Service<INotificationService>()
            .GetGoalNotificationsAsync(member, CancellationToken.None);
        Assert.That(sent.Select(n => n.Date), Is.EqualTo(new[] { new DateOnly(2026, 3, 20) }));
    }
}
