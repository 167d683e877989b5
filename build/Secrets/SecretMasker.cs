using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Build.Secrets;

/// <summary>
/// The one place that knows the secret values of a run: every line the lifecycle targets print (their own
/// messages, compose and container output, error messages) goes through <see cref="Mask"/>. A secret is masked
/// however a program is likely to print it: whole, each line of a multi-line value (logs arrive line by line),
/// JSON-escaped (<c>\/</c>, <c>\"</c>, <c>\uXXXX</c> in either case), URL-encoded (<c>%20</c> or <c>+</c>, hex in
/// either case) and base64 (standard and URL-safe).
/// </summary>
public sealed partial class SecretMasker
{
    public const string Mask = "********";

    /// <summary>
    /// Lines of a multi-line secret shorter than this (after trimming) are not masked on their own: they are
    /// punctuation such as <c>{</c> or <c>}</c>, and masking them would garble every line that contains one.
    /// </summary>
    public const int MinLineLength = 4;

    private static readonly JsonSerializerOptions Relaxed = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly HashSet<string> _secrets = new(StringComparer.Ordinal);
    private string[] _ordered = [];

    /// <summary>Registers a secret value and its printed forms; values shorter than 4 characters are masked too.</summary>
    public void Add(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return;
        }
        lock (_secrets)
        {
            var before = _secrets.Count;
            _secrets.UnionWith(Forms(secret).Where(f => f.Length > 0));
            if (_secrets.Count != before)
            {
                // Longest first, so a secret containing another is masked whole.
                _ordered = _secrets.OrderByDescending(s => s.Length).ToArray();
            }
        }
    }

    public string Apply(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }
        foreach (var secret in _ordered)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary>How EnvCheck shows a secret: never the value, only that it is set and its length.</summary>
    public static string Describe(string value) => $"{Mask} ({value.Length} chars)";

    /// <summary>The value and the ways a program may print it.</summary>
    private static IEnumerable<string> Forms(string secret)
    {
        yield return secret;
        var lines = secret.ReplaceLineEndings("\n").Split('\n');
        if (lines.Length > 1)
        {
            foreach (var line in lines.Select(l => l.Trim()).Where(l => l.Length >= MinLineLength))
            {
                yield return line;
            }
        }
        foreach (var json in JsonForms(secret))
        {
            yield return json;
            yield return json.Replace("/", "\\/", StringComparison.Ordinal);
            yield return UnicodeEscape().Replace(json, m => m.Value.ToLowerInvariant());
        }
        foreach (
            var url in new[]
            {
                Uri.EscapeDataString(secret),
                System.Net.WebUtility.UrlEncode(secret),
            }
        )
        {
            yield return url;
            yield return PercentEscape().Replace(url, m => m.Value.ToLowerInvariant());
        }
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(secret));
        yield return base64;
        yield return base64.TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The JSON string forms without their quotes: .NET's default (escapes non-ASCII and HTML) and relaxed.</summary>
    private static IEnumerable<string> JsonForms(string secret) =>
        new[]
        {
            JsonSerializer.Serialize(secret),
            JsonSerializer.Serialize(secret, Relaxed),
        }.Select(j => j[1..^1]);

    [GeneratedRegex(@"\\u[0-9A-F]{4}")]
    private static partial Regex UnicodeEscape();

    [GeneratedRegex("%[0-9A-F]{2}")]
    private static partial Regex PercentEscape();
}
