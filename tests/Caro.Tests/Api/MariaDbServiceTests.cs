using System.Net;
using Caro.Shared.Persistence;
using Caro.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Caro.Tests.Api;

/// <summary>The same service suite against a real MariaDB server (Pomelo provider, EnsureCreated schema).</summary>
[TestFixture]
[Category("MariaDb")]
public sealed class MariaDbServiceTests : ServiceSuite
{
    private MariaDbServer? _server;
    private string _connection = "";

    protected override async Task<IReadOnlyDictionary<string, string?>> StorageSettingsAsync()
    {
        if (MariaDbServer.MissingReason() is { } reason)
        {
            Assert.Ignore(reason);
        }
        _server = await MariaDbServer.StartAsync();
        _connection = _server.ConnectionString($"caro_{Guid.NewGuid():N}"[..16]);
        return new Dictionary<string, string?> { ["CARO_DB_CONNECTION"] = _connection };
    }

    [Test]
    public async Task TwoInstancesRacingOnOneDeckNeverAnswer500()
    {
        // A second Caro on the same database: in-process locks cannot serialise across instances,
        // so the database's own guards (foreign key, affected rows) decide, and the loser gets a 404.
        await using var other = await CaroHost.StartAsync(
            new Dictionary<string, string?> { ["CARO_DB_CONNECTION"] = _connection }
        );
        for (var round = 0; round < 5; round++)
        {
            var member = await CreateMemberAsync();
            var deck = await CreateDeckAsync(member);
            var card = await CreateCardAsync(member, deck);
            var racers = Enumerable
                .Range(0, 12)
                .Select(i =>
                    (i % 3) switch
                    {
                        0 => other.Api.PostApiAsync(
                            "/api/workbook/cards",
                            new
                            {
                                memberId = member,
                                deckId = deck,
                                front = $"r{i}",
                                back = "b",
                            }
                        ),
                        1 => other.Api.SendApiAsync(
                            HttpMethod.Delete,
                            $"/api/workbook/cards/{card}"
                        ),
                        _ => (i % 2 == 0 ? Api : other.Api).SendApiAsync(
                            HttpMethod.Delete,
                            $"/api/workbook/decks/{deck}"
                        ),
                    }
                )
                .ToList();
            var results = await Task.WhenAll(racers);
            Assert.That(
                results.Select(r => (int)r.Status),
                Is.All.AnyOf(201, 204, 404),
                string.Join(" | ", results.Select(r => $"{(int)r.Status} {r.Raw}")) + Errors()
            );
            Assert.That(
                results.Count(r =>
                    r.Status == HttpStatusCode.NoContent
                    && r.Message.RequestMessage!.RequestUri!.AbsolutePath.Contains("/decks/")
                ),
                Is.EqualTo(1),
                "one deck delete wins"
            );
            await AssertNoCardOutlivesItsDeckAsync(results);
        }
    }

    [Test]
    public async Task TheSuiteReallyRunsOnMariaDb()
    {
        await using var db = await Host.Service<IDbContextFactory<CaroDbContext>>()
            .CreateDbContextAsync();
        Assert.That(db.Database.ProviderName, Is.EqualTo("Pomelo.EntityFrameworkCore.MySql"));
        var version = await db
            .Database.SqlQueryRaw<string>("SELECT VERSION() AS Value")
            .SingleAsync();
        Assert.That(version, Does.Contain("MariaDB"));
        var tables = await db
            .Database.SqlQueryRaw<string>(
                "SELECT table_name AS Value FROM information_schema.tables WHERE table_schema = DATABASE()"
            )
            .ToListAsync();
        Assert.That(
            tables,
            Is.SupersetOf(
                new[]
                {
                    "members",
                    "decks",
                    "cards",
                    "review_logs",
                    "member_stats",
                    "earned_badges",
                    "daily_study_stat",
                    "goal_notifications",
                    "ingestion_jobs",
                }
            )
        );
    }

    protected override async ValueTask DisposeStorageAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
