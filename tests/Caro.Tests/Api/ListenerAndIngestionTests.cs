using System.Net;
using Caro.Modules.Review.Contracts;
using Caro.Shared.Events;
using Caro.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Caro.Tests.Api;

/// <summary>Listener isolation and the ingestion job's failure paths.</summary>
public sealed class ListenerAndIngestionTests
{
    /// <summary>A listener that always throws, ordered between Analytics (10) and Gamification (20).</summary>
    private sealed class ExplodingListener : IEventListener<CardReviewedEvent>
    {
        public int Order => 15;

        public Task HandleAsync(CardReviewedEvent @event, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("listener exploded");
    }

    [Test]
    public async Task AFailingListenerFailsNeitherTheRequestNorTheOthers()
    {
        await using var host = await CaroHost.StartAsync(services: services =>
            services.AddScoped<IEventListener<CardReviewedEvent>, ExplodingListener>()
        );
        var (member, deck, card) = await host.Api.SeedCardAsync();

        var review = await host.Api.PostApiAsync(
            "/api/review",
            new
            {
                memberId = member,
                deckId = deck,
                cardId = card,
                quality = 5,
                reviewTimeMs = 900,
            }
        );

        Assert.That(review.Status, Is.EqualTo(HttpStatusCode.OK), review.Raw);
        var stats = (await host.Api.GetApiAsync($"/api/gamification/stats/{member}")).Data;
        Assert.That(
            stats.GetProperty("totalExp").GetInt64(),
            Is.EqualTo(15),
            "Gamification ran after the failing listener"
        );
        Assert.That(
            host.Logs.Count("Listener ExplodingListener failed on CardReviewedEvent"),
            Is.EqualTo(1)
        );
    }

    [Test]
    public async Task JobForADeckDeletedWhileQueuedFails()
    {
        await using var host = await CaroHost.StartAsync(
            new Dictionary<string, string?> { ["CARO_INGESTION_DELAY_MS"] = "2000" }
        );
        var (member, deck, _) = await host.Api.SeedCardAsync();
        var upload = await host.Api.PostApiAsync(
            "/api/ingestion/upload",
            new
            {
                memberId = member,
                deckId = deck,
                imageData = "x",
            }
        );
        var jobId = upload.Data.GetProperty("jobId").GetString();
        Assert.That(
            (await host.Api.SendApiAsync(HttpMethod.Delete, $"/api/workbook/decks/{deck}")).Status,
            Is.EqualTo(HttpStatusCode.NoContent)
        );

        var status = await PollAsync(host, jobId!);

        Assert.That(status.GetProperty("status").GetString(), Is.EqualTo("FAILED"));
        Assert.That(
            status.GetProperty("message").GetString(),
            Is.EqualTo($"Deck not found: {deck}")
        );
    }

    [Test]
    public async Task UploadAnswers202AtOnceWhileTheJobRuns()
    {
        await using var host = await CaroHost.StartAsync(
            new Dictionary<string, string?> { ["CARO_INGESTION_DELAY_MS"] = "5000" }
        );
        var (member, deck, _) = await host.Api.SeedCardAsync();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var upload = await host.Api.PostApiAsync(
            "/api/ingestion/upload",
            new
            {
                memberId = member,
                deckId = deck,
                imageData = "x",
            }
        );
        Assert.That(upload.Status, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(
            watch.ElapsedMilliseconds,
            Is.LessThan(2500),
            "the upload does not wait for the extraction"
        );
        var early = (
            await host.Api.GetApiAsync(
                $"/api/ingestion/status/{upload.Data.GetProperty("jobId").GetString()}"
            )
        ).Data;
        Assert.That(early.GetProperty("status").GetString(), Is.AnyOf("PENDING", "PROCESSING"));
        Assert.That(
            early.GetProperty("message").ValueKind,
            Is.EqualTo(System.Text.Json.JsonValueKind.Null)
        );
    }

    [Test]
    public async Task AFullQueueAnswers503()
    {
        // Capacity 1 and 4 busy consumers: the sixth upload in quick succession cannot be queued.
        await using var host = await CaroHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["CARO_INGESTION_DELAY_MS"] = "10000",
                ["CARO_INGESTION_QUEUE_CAPACITY"] = "1",
            }
        );
        var (member, deck, _) = await host.Api.SeedCardAsync();
        var responses = new List<ApiResponse>();
        for (var i = 0; i < 8; i++)
        {
            responses.Add(
                await host.Api.PostApiAsync(
                    "/api/ingestion/upload",
                    new
                    {
                        memberId = member,
                        deckId = deck,
                        imageData = "x",
                    }
                )
            );
            await Task.Delay(10);
        }
        var rejected = responses.Where(r => r.Status == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.That(rejected, Is.Not.Empty);
        Assert.That(rejected[0].ErrorCode, Is.EqualTo("SERVICE_UNAVAILABLE"));
    }

    private static async Task<System.Text.Json.JsonElement> PollAsync(CaroHost host, string jobId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var data = (await host.Api.GetApiAsync($"/api/ingestion/status/{jobId}")).Data;
            if (
                data.GetProperty("status").GetString() is "COMPLETED" or "FAILED"
                || DateTime.UtcNow > deadline
            )
            {
                return data;
            }
            await Task.Delay(25);
        }
    }
}
