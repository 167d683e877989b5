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
public abstract partial class ServiceSuite
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
