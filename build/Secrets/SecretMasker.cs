using System.Runtime.CompilerServices;

namespace Build.Secrets;

/// <summary>
/// The one place that knows the secret values of a run: every line the lifecycle targets print (their own
/// messages, compose and container output, error messages) goes through <see cref="Mask"/>.
/// </summary>
public sealed class SecretMasker
{
    public const string Mask = "********";

    private static readonly ConditionalWeakTable<object, SecretMasker> PerOwner = new();
    private readonly HashSet<string> _secrets = new(StringComparer.Ordinal);
    private string[] _ordered = [];

    /// <summary>
    /// The masker of one build run (one per context object). For a build context it also masks everything
    /// the build writes to the console, whichever target writes it.
    /// </summary>
    public static SecretMasker For(object owner) =>
        PerOwner.GetValue(
            owner,
            o =>
            {
                var masker = new SecretMasker();
                (o as Build.Host.BuildContext)?.AddOutputFilter(masker.Apply);
                return masker;
            }
        );

    /// <summary>Registers a secret value; values shorter than 4 characters are masked too (never skipped).</summary>
    public void Add(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return;
        }
        lock (_secrets)
        {
            if (_secrets.Add(secret))
            {
                // Longest first, so a secret containing another is masked whole.
                _ordered = _secrets.OrderByDescending(s => s.Length).ToArray();
            }
        }
    }

    public int Count => _ordered.Length;

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
}
