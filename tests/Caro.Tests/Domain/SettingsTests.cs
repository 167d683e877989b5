using Caro.Shared.Settings;
using Microsoft.Extensions.Configuration;

namespace Caro.Tests.Domain;

public sealed class SettingsTests
{
    private static CaroSettings From(params (string Key, string Value)[] values) =>
        CaroSettings.From(
            new ConfigurationBuilder()
                .AddInMemoryCollection(values.ToDictionary(v => v.Key, v => (string?)v.Value))
                .Build()
        );

    [Test]
    public void DefaultsMatchTheReadme()
    {
        var settings = From();
        Assert.That(settings.HttpPort, Is.EqualTo(8080));
        Assert.That(settings.ManagementPort, Is.EqualTo(9090));
        Assert.That(settings.OtlpEndpoint, Is.EqualTo(new Uri("http://localhost:4318")));
        Assert.That(settings.TenantId, Is.EqualTo("caro-backend-staging"));
        Assert.That(settings.Environment, Is.EqualTo("development"));
        Assert.That(settings.ObservatoryEnabled, Is.True);
        Assert.That(settings.UsesMySql, Is.False);
        Assert.That(settings.DailyGoalCards, Is.EqualTo(20));
    }

    [TestCase("production")]
    [TestCase("prod")]
    public void ObservatoryIsOffByDefaultInProduction(string environment)
    {
        Assert.That(From(("ENVIRONMENT", environment)).ObservatoryEnabled, Is.False);
        Assert.That(
            From(
                ("ENVIRONMENT", environment),
                ("CARO_OBSERVATORY_ENABLED", "true")
            ).ObservatoryEnabled,
            Is.True
        );
        Assert.That(
            From(
                ("ENVIRONMENT", environment),
                ("Caro:Observatory:Enabled", "true")
            ).ObservatoryEnabled,
            Is.True
        );
    }

    [Test]
    public void DatabaseConnectionFromEitherKey()
    {
        Assert.That(From(("CARO_DB_CONNECTION", "Server=x")).DbConnection, Is.EqualTo("Server=x"));
        Assert.That(
            From(("ConnectionStrings:Caro", "Server=y")).DbConnection,
            Is.EqualTo("Server=y")
        );
    }

    [TestCase("CARO_HTTP_PORT", "eighty", "CARO_HTTP_PORT must be an integer")]
    [TestCase(
        "CARO_MANAGEMENT_PORT",
        "70000",
        "CARO_MANAGEMENT_PORT must be an integer from 1 to 65535"
    )]
    [TestCase("OTEL_SDK_DISABLED", "maybe", "OTEL_SDK_DISABLED must be true or false")]
    [TestCase("OTEL_EXPORTER_OTLP_ENDPOINT", "alloy:4318", "must be an absolute http(s) URL")]
    public void BadValuesFailWithOneLineNamingTheSetting(string key, string value, string expected)
    {
        var error = Assert.Throws<SettingsException>(() => From((key, value)));
        Assert.That(error!.Message, Does.Contain(expected));
        Assert.That(error.Message, Does.Not.Contain("\n"));
    }
}
