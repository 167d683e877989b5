using System.Net;
using System.Text;
using Caro.Tests.Support;

namespace Caro.Tests.Api;

/// <summary>
/// Text that is not Unicode inside a JSON string (invalid UTF-8 bytes, a lone surrogate escape) is a
/// 400 naming the field on every endpoint that reads strings, never a 500.
/// </summary>
public sealed class MalformedTextTests
{
    private CaroHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await CaroHost.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    /// <summary>Every string field Caro reads: (method, path, field, a JSON value template where BAD is the bad text).</summary>
    private static readonly (string Method, string Path, string Field, string Template)[] Fields =
    [
        ("POST", "/api/members", "email", "\"a{BAD}@b.c\""),
        ("POST", "/api/members", "nickname", "\"n{BAD}\""),
        ("PATCH", "/api/members/1/nickname", "nickname", "\"n{BAD}\""),
        ("POST", "/api/workbook/decks", "name", "\"d{BAD}\""),
        ("POST", "/api/workbook/decks", "description", "\"d{BAD}\""),
        ("POST", "/api/workbook/cards", "front", "\"f{BAD}\""),
        ("POST", "/api/workbook/cards", "back", "\"b{BAD}\""),
        ("POST", "/api/ingestion/upload", "imageData", "\"i{BAD}\""),
        ("POST", "/api/observatory/metrics/counter", "name", "\"c{BAD}\""),
        ("POST", "/api/observatory/metrics/gauge", "tags", "{\"k\":\"v{BAD}\"}"),
        ("POST", "/api/observatory/metrics/histogram", "tags", "{\"k{BAD}\":\"v\"}"),
        ("POST", "/api/observatory/logs/emit", "message", "\"m{BAD}\""),
        ("POST", "/api/observatory/logs/emit", "level", "\"INFO{BAD}\""),
        ("POST", "/api/observatory/logs/emit", "attributes", "{\"k{BAD}\":1}"),
        ("POST", "/api/observatory/logs/emit", "attributes", "{\"k\":\"v{BAD}\"}"),
        ("POST", "/api/observatory/logs/burst", "level", "\"W{BAD}\""),
        ("POST", "/api/observatory/logs/error-trace", "message", "\"m{BAD}\""),
        ("POST", "/api/observatory/fault/error", "message", "\"m{BAD}\""),
        ("POST", "/api/observatory/fault/exception", "type", "\"RUNTIME{BAD}\""),
        ("POST", "/api/observatory/fault/exception", "message", "\"m{BAD}\""),
        ("POST", "/api/observatory/scenarios/study-session", "nickname", "\"n{BAD}\""),
        ("POST", "/api/observatory/scenarios/study-session", "email", "\"e{BAD}@x\""),
        ("POST", "/api/observatory/scenarios/study-session", "deckName", "\"d{BAD}\""),
    ];

    private static IEnumerable<TestCaseData> Cases() =>
        Fields.SelectMany(
            (f, i) =>
                new[] { ("invalid UTF-8", "\u0001"), ("lone surrogate", "\\ud800") }.Select(bad =>
                    new TestCaseData(f.Method, f.Path, f.Field, f.Template, bad.Item2).SetName(
                        $"{f.Method} {f.Path} {f.Field} (case {i}): {bad.Item1}"
                    )
                )
        );

    [TestCaseSource(nameof(Cases))]
    public async Task BadTextInAStringIs400NamingTheField(
        string method,
        string path,
        string field,
        string template,
        string bad
    )
    {
        var response = await _host.Api.SendApiAsync(
            new HttpMethod(method),
            path,
            rawBytes: Body(field, template, bad)
        );
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), response.Raw);
        Assert.That(response.ErrorCode, Is.EqualTo("VALIDATION_ERROR"));
        Assert.That(response.ErrorMessage, Does.Contain($"{field}: must be valid Unicode text"));
    }

    [Test]
    public async Task InvalidUtf8InsideANonStringAttributeIs400()
    {
        // A non-string attribute is kept as its JSON text; a lone surrogate escape stays an escape
        // there (valid text), but raw invalid UTF-8 cannot become text at all.
        var response = await _host.Api.SendApiAsync(
            HttpMethod.Post,
            "/api/observatory/logs/emit",
            rawBytes: Body("attributes", "{\"k\":[\"v{BAD}\"]}", "\u0001")
        );
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), response.Raw);
        Assert.That(response.ErrorMessage, Does.Contain("attributes: must be valid Unicode text"));
    }

    [Test]
    public async Task BadTextInAnIgnoredPropertyNameIsNo5xx()
    {
        foreach (var bad in new[] { "\u0001", "\\ud800" })
        {
            var response = await _host.Api.SendApiAsync(
                HttpMethod.Post,
                "/api/members",
                rawBytes: Body("x", "1", bad, keyTemplate: "k{BAD}")
            );
            Assert.That((int)response.Status, Is.LessThan(500), response.Raw);
        }
    }

    /// <summary>A JSON object with the field; \u0001 in <paramref name="bad"/> stands for the raw byte 0xFF (invalid UTF-8).</summary>
    private static byte[] Body(
        string field,
        string template,
        string bad,
        string? keyTemplate = null
    )
    {
        var key = keyTemplate ?? field;
        var json = $"{{\"{key}\":{template}}}".Replace("{BAD}", bad, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(json).Select(b => b == 0x01 ? (byte)0xFF : b).ToArray();
    }
}
