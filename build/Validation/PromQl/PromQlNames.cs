namespace Build.Validation.PromQl;

/// <summary>A metric name used in a PromQL expression, with its offset in the expression.</summary>
public readonly record struct MetricReference(string Name, int Offset);

/// <summary>
/// Extracts the metric names a PromQL expression selects: identifiers that are not followed by <c>(</c>
/// (functions, aggregations), not keywords, not label names (inside <c>{...}</c>, <c>by (...)</c>,
/// <c>on (...)</c> ...), not inside strings, durations or Grafana variables (<c>$__rate_interval</c>, <c>${x}</c>).
/// Also reads <c>{__name__="x"}</c>.
/// </summary>
public static class PromQlNames
{
    /// <summary>Keywords followed by a list of label names (<c>by (job)</c>), which are no metric names.</summary>
    private static readonly HashSet<string> LabelListKeywords =
    [
        "by",
        "without",
        "on",
        "ignoring",
        "group_left",
        "group_right",
    ];

    private static readonly HashSet<string> Keywords =
    [
        .. LabelListKeywords,
        "and",
        "or",
        "unless",
        "offset",
        "bool",
        "atan2",
        "inf",
        "nan",
    ];

    public static IReadOnlyList<MetricReference> Extract(string expr)
    {
        var result = new List<MetricReference>();
        var i = 0;
        string? previousWord = null;
        while (i < expr.Length)
        {
            var c = expr[i];
            if (c is '"' or '\'' or '`')
            {
                i = SkipString(expr, i);
                previousWord = null;
            }
            else if (c == '#')
            {
                while (i < expr.Length && expr[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '$')
            {
                i = SkipVariable(expr, i);
                previousWord = null;
            }
            else if (c == '{')
            {
                var end = FindClose(expr, i, '{', '}');
                ReadNameMatcher(expr, i + 1, end, result);
                i = end + 1;
                previousWord = null;
            }
            else if (c == '[')
            {
                i = FindClose(expr, i, '[', ']') + 1;
                previousWord = null;
            }
            else if (
                c == '('
                && previousWord is not null
                && LabelListKeywords.Contains(previousWord)
            )
            {
                i = FindClose(expr, i, '(', ')') + 1;
                previousWord = null;
            }
            else if (
                char.IsDigit(c) || (c == '.' && i + 1 < expr.Length && char.IsDigit(expr[i + 1]))
            )
            {
                // numbers, durations (5m), hex, exponents
                while (i < expr.Length && (char.IsLetterOrDigit(expr[i]) || expr[i] is '.' or '_'))
                {
                    i++;
                }
                previousWord = null;
            }
            else if (IsNameStart(c))
            {
                var start = i;
                while (i < expr.Length && IsNameChar(expr[i]))
                {
                    i++;
                }
                var word = expr[start..i];
                var next = i;
                while (next < expr.Length && char.IsWhiteSpace(expr[next]))
                {
                    next++;
                }
                var isCall =
                    next < expr.Length
                    && (
                        expr[next] == '('
                        || StartsWithWord(expr, next, "by")
                        || StartsWithWord(expr, next, "without")
                    );
                var lower = word.ToLowerInvariant();
                if (!isCall && !Keywords.Contains(lower) && !IsModifierArgument(expr, start))
                {
                    result.Add(new MetricReference(word, start));
                }
                previousWord = lower;
            }
            else
            {
                if (!char.IsWhiteSpace(c))
                {
                    previousWord = null;
                }
                i++;
            }
        }
        return result;
    }

    private static bool StartsWithWord(string expr, int at, string word) =>
        string.Compare(expr, at, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
        && (at + word.Length == expr.Length || !IsNameChar(expr[at + word.Length]));

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c is '_' or ':';

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or ':';

    // "@ start()" / "@ end()" are calls, handled; nothing else follows '@' but numbers.
    private static bool IsModifierArgument(string expr, int start)
    {
        var j = start - 1;
        while (j >= 0 && char.IsWhiteSpace(expr[j]))
        {
            j--;
        }
        return j >= 0 && expr[j] == '@';
    }

    private static int SkipString(string expr, int i)
    {
        var quote = expr[i++];
        while (i < expr.Length && expr[i] != quote)
        {
            i += expr[i] == '\\' && quote != '`' ? 2 : 1;
        }
        return i + 1;
    }

    private static int SkipVariable(string expr, int i)
    {
        i++;
        if (i < expr.Length && expr[i] == '{')
        {
            return FindClose(expr, i, '{', '}') + 1;
        }
        if (i + 1 < expr.Length && expr[i] == '[' && expr[i + 1] == '[')
        {
            var end = expr.IndexOf("]]", i, StringComparison.Ordinal);
            return end < 0 ? expr.Length : end + 2;
        }
        while (i < expr.Length && IsNameChar(expr[i]))
        {
            i++;
        }
        return i;
    }

    private static int FindClose(string expr, int open, char openChar, char closeChar)
    {
        var depth = 0;
        for (var i = open; i < expr.Length; i++)
        {
            var c = expr[i];
            if (c is '"' or '\'' or '`')
            {
                i = SkipString(expr, i) - 1;
            }
            else if (c == openChar)
            {
                depth++;
            }
            else if (c == closeChar && --depth == 0)
            {
                return i;
            }
        }
        return expr.Length - 1;
    }

    private static void ReadNameMatcher(string expr, int from, int to, List<MetricReference> result)
    {
        var inner = expr[from..Math.Max(from, to)];
        var match = System.Text.RegularExpressions.Regex.Match(
            inner,
            "__name__\\s*(=~|=)\\s*\"([^\"]*)\""
        );
        if (!match.Success)
        {
            return;
        }
        var offset = from + match.Groups[2].Index;
        var names =
            match.Groups[1].Value == "="
                ? [match.Groups[2].Value]
                : ExpandAlternation(match.Groups[2].Value);
        foreach (var name in names ?? [])
        {
            result.Add(new MetricReference(name, offset));
        }
    }

    /// <summary>Expands a name regex made of literal parts and <c>(a|b)</c> groups; null when it uses other regex syntax.</summary>
    public static List<string>? ExpandAlternation(string pattern)
    {
        var results = new List<string> { "" };
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (IsNameChar(c))
            {
                for (var r = 0; r < results.Count; r++)
                {
                    results[r] += c;
                }
                i++;
            }
            else if (c == '(')
            {
                var close = pattern.IndexOf(')', i);
                if (close < 0)
                {
                    return null;
                }
                var alternatives = pattern[(i + 1)..close].Split('|');
                if (alternatives.Any(a => !a.All(IsNameChar)))
                {
                    return null;
                }
                results = results.SelectMany(r => alternatives.Select(a => r + a)).ToList();
                i = close + 1;
            }
            else
            {
                return null;
            }
        }
        return results;
    }
}
