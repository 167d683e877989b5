using System.Net;
using Caro.Modules.Analytics.Contracts;
using Caro.Modules.Notification.Contracts;
using Caro.Modules.Review.Contracts;
using Caro.Shared.Events;
using Caro.Tests.Support;

namespace Caro.Tests.Api;

/// <summary>
/// The service tests every storage must pass, through the real HTTP pipeline. Subclasses choose the
/// storage: InMemory (<see cref="InMemoryServiceTests"/>) and a real MariaDB server (MariaDbServiceTests).
/// </summary>
public abstract class ServiceSuite
{
    private int _sequence;

    protected CaroHost Host { get; private set; } = null!;
    protected HttpClient Api => Host.Api;

    /// <summary>Storage settings (e.g. CARO_DB_CONNECTION); empty means InMemory.</summary>
    protected abstract Task<IReadOnlyDictionary<string, string?>> StorageSettingsAsync();

    [OneTimeSetUp]
    public async Task StartCaroAsync() =>
        Host = await CaroHost.StartAsync(await StorageSettingsAsync());

    [OneTimeTearDown]
    public async Task StopCaroAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
        await DisposeStorageAsync();
    }

    /// <summary>Stops the storage after Caro has stopped.</summary>
    protected virtual ValueTask DisposeStorageAsync() => ValueTask.CompletedTask;

    protected async Task<long> CreateMemberAsync()
    {
        var n = Interlocked.Increment(ref _sequence);
        var response = await Api.PostApiAsync(
            "/api/members",
            new { email = $"m{n}-{Guid.NewGuid():N}@caro.test", nickname = $"member {n}" }
        );
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Created), response.Raw + Errors());
        return response.Id;
    }

    protected async Task<long> CreateDeckAsync(long memberId)
    {
        var response = await Api.PostApiAsync(
            "/api/workbook/decks",
            new
            {
                memberId,
                name = "Deck",
                description = "d",
            }
        );
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Created), response.Raw + Errors());
        return response.Id;
    }

    protected async Task<long> CreateCardAsync(long memberId, long deckId, string front = "front")
    {
        var response = await Api.PostApiAsync(
            "/api/workbook/cards",
            new
            {
                memberId,
                deckId,
                front,
                back = "back",
            }
        );
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Created), response.Raw + Errors());
        return response.Id;
    }

    protected Task<ApiResponse> ReviewAsync(
        long memberId,
        long deckId,
        long cardId,
        int quality = 4
    ) =>
        Api.PostApiAsync(
            "/api/review",
            new
            {
                memberId,
                deckId,
                cardId,
                quality,
                reviewTimeMs = 1500,
            }
        );

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

    /// <summary>Logged warnings and errors so far (for failure messages).</summary>
    protected string Errors() =>
        string.Join(
            " | ",
            Host.Logs.Lines.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Warning)
                .Select(l => $"{l.Category}: {l.Message}")
                .Distinct()
                .Take(5)
        );

    protected static async Task<ApiResponse> PollAsync(
        Func<Task<ApiResponse>> probe,
        Func<ApiResponse, bool> done
    )
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var response = await probe();
            if (done(response) || DateTime.UtcNow > deadline)
            {
                return response;
            }
            await Task.Delay(25);
        }
    }
}

[TestFixture]
public sealed class InMemoryServiceTests : ServiceSuite
{
    protected override Task<IReadOnlyDictionary<string, string?>> StorageSettingsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>());
}
