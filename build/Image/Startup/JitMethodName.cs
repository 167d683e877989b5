using System.Text.RegularExpressions;

namespace Build.Image.Startup;

/// <summary>
/// A type as the JIT prints it: <c>System.Collections.Generic.Dictionary`2[System.__Canon,int]</c>,
/// <c>Outer+Inner</c>, <c>System.Object[]</c>, or a JIT primitive name (<c>int</c>, <c>ubyte</c>...).
/// </summary>
public sealed record JitTypeName(string Name, IReadOnlyList<JitTypeName> Arguments, bool IsArray)
{
    public static JitTypeName? Parse(string text)
    {
        text = text.Trim();
        if (text.EndsWith("[]", StringComparison.Ordinal))
        {
            return Parse(text[..^2]) is { IsArray: false } element
                ? element with
                {
                    IsArray = true,
                }
                : null;
        }
        var open = text.IndexOf('[');
        if (open < 0)
        {
            return text.Length == 0 || text.IndexOfAny(['*', '&', ',', ']']) >= 0
                ? null
                : new JitTypeName(text, [], false);
        }
        if (!text.EndsWith(']'))
        {
            return null;
        }
        var arguments = new List<JitTypeName>();
        foreach (var part in JitMethodName.SplitTopLevel(text[(open + 1)..^1]))
        {
            if (Parse(part) is not { } argument)
            {
                return null; // multi-dimensional arrays, pointers: not worth a profile entry
            }
            arguments.Add(argument);
        }
        return new JitTypeName(text[..open], arguments, false);
    }
}

/// <summary>
/// One line of the JIT's method list (<c>DOTNET_JitStdOutFile</c> + <c>DOTNET_JitDisasmSummary=1</c>), e.g.
/// <c>12: JIT compiled System.Foo`1[System.__Canon]:Bar[int](System.String,int):ubyte:this [Tier0, IL size=12, code size=34]</c>:
/// the owning type, the method's name, its generic arguments and its parameter types in the JIT's spelling
/// (<c>int</c>, <c>bool</c>, <c>byref</c>, <c>ptr</c>, or a type name), which pick among overloads.
/// </summary>
public sealed partial record JitMethodName(
    JitTypeName Owner,
    string Name,
    IReadOnlyList<JitTypeName> MethodArguments,
    IReadOnlyList<string> Parameters
)
{
    public int ParameterCount => Parameters.Count;

    /// <summary>The method named by a line of the list, or null for other lines and for what no metadata names (IL stubs, dynamic methods).</summary>
    public static JitMethodName? ParseLine(string line)
    {
        var match = LinePattern().Match(line);
        if (!match.Success)
        {
            return null;
        }
        var text = match.Groups[1].Value;
        var colon = IndexAtDepthZero(text, ':');
        if (colon <= 0 || OwnerType(text[..colon]) is not { } owner)
        {
            return null;
        }
        var rest = text[(colon + 1)..];
        var nameEnd = rest.IndexOfAny(['[', '(']);
        if (nameEnd <= 0)
        {
            return null;
        }
        var methodArguments = new List<JitTypeName>();
        var parameters = rest[nameEnd..];
        if (parameters[0] == '[')
        {
            var close = IndexAtDepthZero(parameters, ']', start: 1, depth: 1);
            if (close < 0 || JitTypeName.Parse("M" + parameters[..(close + 1)]) is not { } generic)
            {
                return null;
            }
            methodArguments.AddRange(generic.Arguments);
            parameters = parameters[(close + 1)..];
        }
        var end = parameters.StartsWith('(') ? IndexAtDepthZero(parameters, ')', 1, 1) : -1;
        if (end < 0)
        {
            return null;
        }
        var printed = SplitTopLevel(parameters[1..end]).Where(p => p.Length > 0).ToList();
        return new JitMethodName(owner, rest[..nameEnd], methodArguments, printed);
    }

    private static JitTypeName? OwnerType(string text) =>
        text.StartsWith('(') || text.StartsWith("ILStubClass", StringComparison.Ordinal)
            ? null
            : JitTypeName.Parse(text);

    /// <summary>Splits at the commas outside brackets and parentheses.</summary>
    public static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth +=
                text[i] is '[' or '(' ? 1
                : text[i] is ']' or ')' ? -1
                : 0;
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i].Trim();
                start = i + 1;
            }
        }
        yield return text[start..].Trim();
    }

    private static int IndexAtDepthZero(string text, char wanted, int start = 0, int depth = 0)
    {
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] == wanted && depth == (wanted is ']' or ')' ? 1 : 0))
            {
                return i;
            }
            depth +=
                text[i] is '[' or '(' ? 1
                : text[i] is ']' or ')' ? -1
                : 0;
        }
        return -1;
    }

    [GeneratedRegex(@"^\s*\d+:\s+JIT compiled (.+?) \[[^\[\]]*\]\s*$")]
    private static partial Regex LinePattern();
}
