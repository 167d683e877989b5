using System.Text;
using Build.Host;

namespace Build.Docker;

/// <summary>
/// Compose's variable interpolation (<c>$VAR</c>, <c>${VAR}</c>, <c>${VAR:-default}</c>, <c>${VAR-default}</c>,
/// <c>${VAR:?message}</c>, <c>${VAR?message}</c>, <c>$$</c>), so the build can read published ports and users
/// without asking compose (whose <c>config</c> output would contain the secrets).
/// </summary>
public static class ComposeInterpolation
{
    public static string Interpolate(string text, Func<string, string?> lookup)
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
                    throw new BuildException($"Unclosed '${{' in compose value '{text}'.");
                }
                result.Append(Expand(text[(i + 2)..end], lookup));
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

    private static string Expand(string body, Func<string, string?> lookup)
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
            '-' => unset ? Interpolate(argument, lookup) : value!,
            '+' => unset ? "" : Interpolate(argument, lookup),
            '?' => unset
                ? throw new BuildException($"{name} is not set: {Interpolate(argument, lookup)}")
                : value!,
            _ => throw new BuildException(
                $"Unsupported interpolation '${{{body}}}' in the compose file."
            ),
        };
    }
}
