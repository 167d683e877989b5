using System.Net;
using Caro.Tests.Support;

namespace Caro.Tests.Api;

/// <summary>Service suite: one email rule on every storage (case-insensitive, nothing more).</summary>
public abstract partial class ServiceSuite
{
    [Test]
    public async Task EmailsAreUniqueWhateverTheirCaseOnEveryStorage()
    {
        var local = $"Case-{Guid.NewGuid():N}";
        var first = await Api.PostApiAsync(
            "/api/members",
            new { email = $"{local.ToLowerInvariant()}@example.com", nickname = "a" }
        );
        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.Created), first.Raw);
        var second = await Api.PostApiAsync(
            "/api/members",
            new { email = $"{local.ToUpperInvariant()}@EXAMPLE.COM", nickname = "b" }
        );
        Assert.That(second.Status, Is.EqualTo(HttpStatusCode.Conflict), second.Raw);
        Assert.That(second.ErrorCode, Is.EqualTo("DUPLICATE"));
        Assert.That(
            first.Data.GetProperty("email").GetString(),
            Is.EqualTo($"{local.ToLowerInvariant()}@example.com"),
            "stored in its normal (lower-case) form"
        );
    }

    [Test]
    public async Task EmailsDifferingInAnAccentAreDifferentOnEveryStorage()
    {
        // A database collation must not fold accents (MariaDB's default one does, InMemory does not).
        var local = Guid.NewGuid().ToString("N")[..12];
        var accented = await Api.PostApiAsync(
            "/api/members",
            new { email = $"\u00e9{local}@example.com", nickname = "a" }
        );
        Assert.That(accented.Status, Is.EqualTo(HttpStatusCode.Created), accented.Raw);
        var upper = await Api.PostApiAsync(
            "/api/members",
            new { email = $"\u00c9{local}@example.com", nickname = "b" }
        );
        Assert.That(upper.Status, Is.EqualTo(HttpStatusCode.Conflict), "É is é, whatever the case");
        var plain = await Api.PostApiAsync(
            "/api/members",
            new { email = $"e{local}@example.com", nickname = "c" }
        );
        Assert.That(plain.Status, Is.EqualTo(HttpStatusCode.Created), plain.Raw);
    }
}
