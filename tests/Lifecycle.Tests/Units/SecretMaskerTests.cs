using System.Text;
using System.Text.Json;
using Build.Secrets;

namespace Lifecycle.Tests.Units;

/// <summary>The masker hides a secret however a program prints it: whole, line by line, or in a common encoding.</summary>
public sealed class SecretMaskerTests
{
    private const string Url = "https://hooks.slack.com/services/T000/B000/xyz+Q\"w é=";

    private static SecretMasker With(params string[] secrets)
    {
        var masker = new SecretMasker();
        foreach (var secret in secrets)
        {
            masker.Add(secret);
        }
        return masker;
    }

    [Test]
    public void Every_line_of_a_multi_line_secret_is_masked_when_printed_line_by_line()
    {
        const string key =
            "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\r\nBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n";
        var masker = With(key);

        foreach (var line in key.ReplaceLineEndings("\n").Split('\n'))
        {
            Assert.That(
                masker.Apply("mimir | " + line),
                Does.Not.Contain("MIIE").And.Not.Contain("BKcw")
            );
        }
        Assert.That(
            masker.Apply("key: MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"),
            Is.EqualTo("key: " + SecretMasker.Mask)
        );
        Assert.That(masker.Apply(key), Does.Not.Contain("MIIE").And.Not.Contain("BKcw"));
    }

    [Test]
    public void Short_lines_of_a_multi_line_secret_do_not_mask_ordinary_text()
    {
        var masker = With("{\n  \"token\": \"Zk3-9qLm-x\"\n}");

        Assert.That(masker.Apply("config {}"), Is.EqualTo("config {}"));
        Assert.That(masker.Apply("  \"token\": \"Zk3-9qLm-x\""), Does.Not.Contain("Zk3-9qLm-x"));
    }

    [Test]
    public void A_JSON_escaped_secret_is_masked()
    {
        var masker = With(Url);
        var printed = new[]
        {
            JsonSerializer.Serialize(new { url = Url }),
            JsonSerializer.Serialize(
                new { url = Url },
                new JsonSerializerOptions
                {
                    Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
                }
            ),
            "{\"url\":\"" + Url.Replace("/", "\\/").Replace("\"", "\\\"") + "\"}",
        };

        foreach (var text in printed)
        {
            Assert.That(
                masker.Apply(text),
                Does.Not.Contain("xyz").And.Contain(SecretMasker.Mask),
                text
            );
        }
    }

    [Test]
    public void A_URL_encoded_secret_is_masked_in_both_the_percent_and_the_plus_forms()
    {
        const string password = "p@ss w/rd:ü&1";
        var masker = With(password);
        var printed = new[]
        {
            Uri.EscapeDataString(password), // p%40ss%20w%2Frd%3A%C3%BC%261
            System.Net.WebUtility.UrlEncode(password), // p%40ss+w%2Frd%3A%C3%BC%261
            System.Web.HttpUtility.UrlEncode(password), // p%40ss+w%2frd%3a%c3%bc%261
        };

        foreach (var text in printed)
        {
            Assert.That(
                masker.Apply("GET /login?password=" + text + " 200"),
                Is.EqualTo("GET /login?password=" + SecretMasker.Mask + " 200"),
                text
            );
        }
    }

    [Test]
    public void A_base64_encoded_secret_is_masked()
    {
        const string token = "admin:Hunter2-Very-Secret";
        var masker = With(token);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(token));

        Assert.That(
            masker.Apply("Authorization: Basic " + basic),
            Is.EqualTo("Authorization: Basic " + SecretMasker.Mask)
        );
    }

    [Test]
    public void The_plain_value_and_a_value_inside_another_are_still_masked_whole()
    {
        var masker = With("abc", "abcdef-longer");

        Assert.That(
            masker.Apply("x abcdef-longer y abc"),
            Is.EqualTo($"x {SecretMasker.Mask} y {SecretMasker.Mask}")
        );
    }
}
