using System.Net;
using Caro.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Caro.Tests.Api;

/// <summary>Route handling shared by every endpoint: HEAD behaves as GET without a body; ids are digits only.</summary>
public sealed class RouteTests : EndpointStatusFixture
{
    /// <summary>Every GET route Caro maps (API and management), with its parameters filled in.</summary>
    private IEnumerable<string> GetRoutes() =>
        Host
            .Services.GetRequiredService<EndpointDataSource>()
            .Endpoints.OfType<RouteEndpoint>()
            .Where(e =>
                e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true
            )
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Select(pattern =>
                System.Text.RegularExpressions.Regex.Replace(
                    pattern,
                    @"\{[^}]+\}",
                    m => m.Value.Contains("jobId") ? "no-such-job" : MemberId.ToString()
                )
            )
            .Select(path => path.Replace("{**path}", "x", StringComparison.Ordinal))
            .Distinct();

    [Test]
    public async Task HeadOnEveryGetRouteAnswersAsGetWithoutABody()
    {
        var routes = GetRoutes().ToList();
        Assert.That(routes, Has.Count.GreaterThan(10), "the routes were found");
        foreach (var route in routes)
        {
            var path =
                route.Contains("/api/review/today") || route == "/api/workbook/decks"
                    ? $"{route}?memberId={MemberId}"
                    : route;
            var client = path.StartsWith("/health", StringComparison.Ordinal)
                ? Host.Management
                : Host.Api;
            using var get = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, path));
            using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
            Assert.That(head.StatusCode, Is.EqualTo(get.StatusCode), $"HEAD {path}");
            Assert.That(
                await head.Content.ReadAsByteArrayAsync(),
                Is.Empty,
                $"HEAD {path} has no body"
            );
            Assert.That(
                head.Content.Headers.ContentType?.MediaType,
                Is.EqualTo(get.Content.Headers.ContentType?.MediaType),
                $"HEAD {path}"
            );
        }
    }

    [Test]
    public async Task HeadOnAPostOnlyRouteIs405()
    {
        using var head = await Host.Api.SendAsync(
            new HttpRequestMessage(HttpMethod.Head, "/api/review/initialize")
        );
        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
    }

    private static readonly string[] NotAnId =
    [
        "%201",
        "1%20",
        "+1",
        "%2B1",
        "1.0",
        "1e3",
        "0x1",
        "%091",
        "１", // full-width digit one
        "99999999999999999999",
    ];

    private static readonly string[] IdRoutes =
    [
        "/api/members/{0}",
        "/api/workbook/decks/{0}",
        "/api/workbook/decks/{0}/cards",
        "/api/workbook/cards/{0}",
        "/api/gamification/stats/{0}",
        "/api/gamification/badges/{0}",
        "/api/workbook/decks?memberId={0}",
        "/api/review/today?memberId={0}",
        "/api/review/today/details?memberId={0}",
    ];

    [Test]
    public async Task IdsAreDigitsOnlyInEveryRouteAndQuery()
    {
        foreach (var template in IdRoutes)
        {
            foreach (var id in NotAnId)
            {
                var path = string.Format(
                    System.Globalization.CultureInfo.InvariantCulture,
                    template,
                    id
                );
                var response = await Host.Api.GetApiAsync(path);
                Assert.That(
                    response.Status,
                    Is.EqualTo(HttpStatusCode.BadRequest),
                    $"GET {path}: {response.Raw}"
                );
                Assert.That(response.ErrorCode, Is.EqualTo("VALIDATION_ERROR"), path);
                Assert.That(response.ErrorMessage, Does.EndWith(": must be an integer"), path);
            }
            var zero = await Host.Api.GetApiAsync(
                string.Format(System.Globalization.CultureInfo.InvariantCulture, template, "0")
            );
            Assert.That(zero.ErrorMessage, Does.EndWith(": must be greater than 0"), template);
            var minus = await Host.Api.GetApiAsync(
                string.Format(System.Globalization.CultureInfo.InvariantCulture, template, "-1")
            );
            Assert.That(minus.ErrorMessage, Does.EndWith(": must be greater than 0"), template);
        }
        var member = await Host.Api.GetApiAsync($"/api/members/{MemberId}");
        Assert.That(member.Status, Is.EqualTo(HttpStatusCode.OK), "a plain id still works");
    }
}
