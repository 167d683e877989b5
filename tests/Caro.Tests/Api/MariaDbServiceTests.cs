using Caro.Tests.Support;

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

    protected override async ValueTask DisposeStorageAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
