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

    protected override async Task<IReadOnlyDictionary<string, string?>> StorageSettingsAsync()
    {
        if (MariaDbServer.MissingReason() is { } reason)
        {
            Assert.Ignore(reason);
        }
        _server = await MariaDbServer.StartAsync();
        return new Dictionary<string, string?>
        {
            ["CARO_DB_CONNECTION"] = _server.ConnectionString($"caro_{Guid.NewGuid():N}"[..16]),
        };
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
