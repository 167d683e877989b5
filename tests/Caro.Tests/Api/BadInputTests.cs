using System.Net;
using System.Text;
using Caro.Tests.Support;

namespace Caro.Tests.Api;

/// <summary>Bad input never gives a 500, and a 500 never leaks internals.</summary>
public sealed class BadInputTests
{
    private CaroHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() =>
        _host = await CaroHost.StartAsync(
            new Dictionary<string, string?> { ["CARO_MAX_REQUEST_BODY_BYTES"] = "2048" }
        );

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [TestCase("{\"email\":", "body: malformed JSON")]
    [TestCase("[1,2]", "body: must be a JSON object")]
    [TestCase("", "body: must be a JSON object")]
    [TestCase(
        "{\"email\":5,\"nickname\":true}",
        "email: must be a string, nickname: must be a string"
    )]
    [TestCase("{}", "email: must not be null, nickname: must not be null")]
    [TestCase("{\"email\":null,\"nickname\":\"n\"}", "email: must not be null")]
    public async Task MalformedOrIncompleteBodiesAre400NamingEachField(string json, string message)
    {
        var response = await _host.Api.PostRawApiAsync("/api/members", json);
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), response.Raw);
        Assert.That(response.ErrorCode, Is.EqualTo("VALIDATION_ERROR"));
        Assert.That(response.ErrorMessage, Does.Contain(message));
    }

    [Test]
    public async Task EveryBadReviewFieldIsNamed()
    {
        var response = await _host.Api.PostRawApiAsync(
            "/api/review",
            """{"memberId":"one","cardId":1.5,"quality":-1,"reviewTimeMs":-5}"""
        );
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(
            response.ErrorMessage,
            Is.EqualTo(
                "memberId: must be an integer, cardId: must be an integer, deckId: must not be null, quality: must be greater than or equal to 0, reviewTimeMs: must be greater than 0"
            )
        );
    }

    [Test]
    public async Task OversizedBodyIs413()
    {
        var response = await _host.Api.PostRawApiAsync(
            "/api/members",
            $"{{\"email\":\"a@b\",\"nickname\":\"{new string('x', 4096)}\"}}"
        );
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(response.ErrorCode, Is.EqualTo("PAYLOAD_TOO_LARGE"));
    }

    [Test]
    public async Task WrongContentTypeIs415()
    {
        using var content = new StringContent(
            "email=a",
            Encoding.UTF8,
            "application/x-www-form-urlencoded"
        );
        var response = await _host.Api.PostAsync("/api/members", content);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        Assert.That(
            await response.Content.ReadAsStringAsync(),
            Does.Contain("UNSUPPORTED_MEDIA_TYPE")
        );
    }

    [Test]
    public async Task UnknownRouteAndWrongMethodGetTheEnvelope()
    {
        var unknown = await _host.Api.GetApiAsync("/api/nothing-here");
        Assert.That(unknown.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(unknown.ErrorCode, Is.EqualTo("NOT_FOUND"));
        var wrongMethod = await _host.Api.SendApiAsync(HttpMethod.Put, "/api/members");
        Assert.That(wrongMethod.Status, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(wrongMethod.ErrorCode, Is.EqualTo("METHOD_NOT_ALLOWED"));
    }

    [TestCase("RUNTIME", HttpStatusCode.InternalServerError, "INTERNAL_ERROR")]
    [TestCase("ILLEGAL_STATE", HttpStatusCode.InternalServerError, "INTERNAL_ERROR")]
    [TestCase("OUT_OF_MEMORY", HttpStatusCode.InternalServerError, "INTERNAL_ERROR")]
    [TestCase("STACK_OVERFLOW", HttpStatusCode.InternalServerError, "INTERNAL_ERROR")]
    [TestCase("NOT_FOUND", HttpStatusCode.NotFound, "NOT_FOUND")]
    [TestCase("ILLEGAL_ARGUMENT", HttpStatusCode.BadRequest, "INVALID_REQUEST")]
    public async Task ServerFaultsLeakNoInternals(string type, HttpStatusCode status, string code)
    {
        var response = await _host.Api.PostApiAsync(
            "/api/observatory/fault/exception",
            new { type, message = "boom" }
        );
        Assert.That(response.Status, Is.EqualTo(status), response.Raw);
        Assert.That(response.ErrorCode, Is.EqualTo(code));
        Assert.That(
            response.Raw,
            Does.Not.Contain("Exception").And.Not.Contain(" at ").And.Not.Contain("Caro.")
        );
        if (status == HttpStatusCode.InternalServerError)
        {
            Assert.That(response.ErrorMessage, Is.EqualTo("An unexpected error occurred"));
        }
    }

    [Test]
    public async Task SecurityHeadersOnSuccessAndError()
    {
        foreach (var path in new[] { "/api/gamification/stats/1", "/api/nothing" })
        {
            var response = await _host.Api.GetApiAsync(path);
            var headers = response.Message.Headers;
            Assert.That(headers.GetValues("X-Frame-Options"), Is.EqualTo(new[] { "DENY" }), path);
            Assert.That(
                headers.GetValues("X-Content-Type-Options"),
                Is.EqualTo(new[] { "nosniff" }),
                path
            );
            Assert.That(headers.CacheControl?.NoStore, Is.True, path);
        }
    }
}
