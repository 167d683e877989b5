using System.Text.RegularExpressions;

namespace Build.Validation.Checks;

/// <summary>A <c>${VAR}</c>, <c>${VAR:-default}</c>, <c>${VAR:default}</c> ... or <c>$VAR</c> reference in a text.</summary>
public sealed record EnvReference(
    string Name,
    string? Operator,
    string? Argument,
    int Offset,
    string Text
);

public static partial class EnvReferences
{
    /// <summary>Every variable reference; <c>$$</c> (escaped dollar) is skipped.</summary>
    public static IEnumerable<EnvReference> Find(string text, bool allowBare = true)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '$')
            {
                continue;
            }
            if (i + 1 < text.Length && text[i + 1] == '$')
            {
                i++;
                continue;
            }
            var braced = Braced().Match(text, i);
            if (braced.Success && braced.Index == i)
            {
                yield return new EnvReference(
                    braced.Groups[1].Value,
                    braced.Groups[2].Success ? braced.Groups[2].Value : null,
                    braced.Groups[3].Success ? braced.Groups[3].Value : null,
                    i,
                    braced.Value
                );
                i += braced.Length - 1;
                continue;
            }
            var bare = Bare().Match(text, i);
            if (allowBare && bare.Success && bare.Index == i)
            {
                yield return new EnvReference(bare.Groups[1].Value, null, null, i, bare.Value);
                i += bare.Length - 1;
            }
        }
    }

    /// <summary>Literal <c>$</c> occurrences that a provisioning/compose interpolator would treat as a variable: <c>${__x}</c>, <c>$__x</c>, <c>${x.y}</c>.</summary>
    public static IEnumerable<(int Offset, string Text)> GrafanaVariables(string text)
    {
        foreach (Match m in GrafanaVariable().Matches(text))
        {
            if (m.Index > 0 && text[m.Index - 1] == '$')
            {
                continue;
            }
            yield return (m.Index, m.Value);
        }
    }

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:-|:\?|:\+|:|-|\?|\+)([^}]*))?\}")]
    private static partial Regex Braced();

    [GeneratedRegex(@"\$([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Bare();

    [GeneratedRegex(@"\$\{?__[A-Za-z_][A-Za-z0-9_.]*\}?|\$\{[A-Za-z_][A-Za-z0-9_]*\.[^}]*\}")]
    private static partial Regex GrafanaVariable();
}
