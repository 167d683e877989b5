using System.Text;
using Build.Host;

namespace Build.Validation.Model;

/// <summary>
/// Compose's variable interpolation, as the compose specification defines it: <c>$VAR</c>, <c>${VAR}</c>,
/// <c>${VAR:-default}</c> (unset or empty), <c>${VAR-default}</c> (unset), <c>${VAR:?message}</c> and
/// <c>${VAR?message}</c> (an error), <c>${VAR:+alternative}</c> (set and not empty), <c>${VAR+alternative}</c>
/// (set), nested defaults, and <c>$$</c> for a literal <c>$</c>. The lifecycle reads published ports and users
/// with it without asking compose (whose <c>config</c> output would contain the secrets); Validate expands
/// paths and images with the catalog's defaults.
/// </summary>
public static class ComposeInterpolation
{
    /// <summary>
    /// <paramref name="text"/> with every variable replaced. <paramref name="strict"/>: an unset required variable or
    /// a malformed reference is a <see cref="BuildException"/> (as compose fails); otherwise it expands to nothing
    /// (required) or stays as written (malformed), for Validate, whose own checks report those.
    /// </summary>
    public static string Interpolate(string text, Func<string, string?> lookup, bool strict = true)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '$' || i + 1 >= text.Length)
            {
                result.Append(c);
                continue;
            }
            var next = text[i + 1];
            if (next == '$')
            {
                result.Append('$');
                i++;
            }
            else if (next == '{')
            {
                var end = FindClosingBrace(text, i + 2);
                if (end < 0)
                {
                    if (strict)
                    {
                        throw new BuildException($"Unclosed '${{' in compose value '{text}'.");
                    }
                    result.Append(text[i..]);
                    break;
                }
                result.Append(Expand(text[(i + 2)..end], lookup, strict));
                i = end;
            }
            else if (char.IsLetter(next) || next == '_')
            {
                var j = i + 1;
                while (j < text.Length && (char.IsLetterOrDigit(text[j]) || text[j] == '_'))
                {
                    j++;
                }
                result.Append(lookup(text[(i + 1)..j]) ?? "");
                i = j - 1;
            }
            else
            {
                result.Append(c);
            }
        }
        return result.ToString();
    }

    private static int FindClosingBrace(string text, int start)
    {
        var depth = 1;
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] == '{')
            {
                depth++;
            }
            else if (text[i] == '}' && --depth == 0)
            {
                return i;
            }
        }
        return -1;
    }

    private static string Expand(string body, Func<string, string?> lookup, bool strict)
    {
        var nameLength = 0;
        while (
            nameLength < body.Length
            && (char.IsLetterOrDigit(body[nameLength]) || body[nameLength] == '_')
        )
        {
            nameLength++;
        }
        var name = body[..nameLength];
        var rest = body[nameLength..];
        var value = lookup(name);
        if (rest.Length == 0)
        {
            return value ?? "";
        }
        var colon = rest.StartsWith(':');
        var op = colon
            ? rest.Length > 1
                ? rest[1]
                : ' '
            : rest[0];
        var argument = rest[(colon ? 2 : 1)..];
        var unset = colon ? string.IsNullOrEmpty(value) : value is null;
        return op switch
        {
            '-' => unset ? Interpolate(argument, lookup, strict) : value!,
            '+' => unset ? "" : Interpolate(argument, lookup, strict),
            '?' when unset && strict => throw new BuildException(
                $"{name} is not set: {Interpolate(argument, lookup, strict)}"
            ),
            '?' => value ?? "",
            _ when strict => throw new BuildException(
                $"Unsupported interpolation '${{{body}}}' in the compose file."
            ),
            _ => "${" + body + "}",
        };
    }
}
