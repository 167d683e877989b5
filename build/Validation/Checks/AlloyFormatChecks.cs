using Build.Validation.River;

namespace Build.Validation.Checks;

/// <summary>
/// Layer 2 for Alloy: the config must be in <c>alloy fmt</c> form as far as indentation goes. Alloy's
/// printer indents every nesting level with one tab, so a line indented with spaces means
/// <c>alloy fmt --test</c> fails on the file. Text inside raw (backtick) strings and block comments is
/// left as written, like the printer does (the lexer says which lines begin inside them).
/// </summary>
public static class AlloyFormatChecks
{
    /// <summary>Checks a file that parsed (so the lexer cannot fail on it).</summary>
    public static void Run(string path, string text, ValidationReport report)
    {
        var lexer = new RiverLexer(text);
        lexer.Tokenize();
        var spaced = text.Split('\n')
            .Select((line, i) => (Line: line, Number: i + 1))
            .Where(l => !lexer.VerbatimLines.Contains(l.Number) && IndentHasSpace(l.Line))
            .Select(l => l.Number)
            .ToList();
        if (spaced.Count > 0)
        {
            report.Error(
                path,
                new Position(spaced[0], 1),
                $"not in `alloy fmt` form: {spaced.Count} line{(spaced.Count == 1 ? " is" : "s are")} indented with spaces (first here); Alloy indents with tabs: run `alloy fmt -w {Path.GetFileName(path)}`"
            );
        }
    }

    private static bool IndentHasSpace(string line)
    {
        var indent = line[..(line.Length - line.TrimStart(' ', '\t').Length)];
        return indent.Contains(' ') && line.Trim().Length > 0;
    }
}
