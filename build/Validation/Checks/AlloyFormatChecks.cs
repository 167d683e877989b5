namespace Build.Validation.Checks;

/// <summary>
/// Layer 2 for Alloy: the config must be in <c>alloy fmt</c> form as far as indentation goes. Alloy's
/// printer indents every nesting level with one tab, so a line indented with spaces means
/// <c>alloy fmt --test</c> fails on the file. Text inside raw (backtick) strings and block comments is
/// left as written, like the printer does.
/// </summary>
public static class AlloyFormatChecks
{
    public static void Run(string path, string text, ValidationReport report)
    {
        var lines = text.Split('\n');
        var first = 0;
        var count = 0;
        var inRaw = false;
        var inBlockComment = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var skip = inRaw || inBlockComment;
            if (!skip && IndentHasSpace(line))
            {
                count++;
                first = first == 0 ? i + 1 : first;
            }
            (inRaw, inBlockComment) = Scan(line, inRaw, inBlockComment);
        }
        if (count > 0)
        {
            report.Error(
                path,
                new Position(first, 1),
                $"not in `alloy fmt` form: {count} line{(count == 1 ? " is" : "s are")} indented with spaces (first here); Alloy indents with tabs: run `alloy fmt -w {Path.GetFileName(path)}`"
            );
        }
    }

    private static bool IndentHasSpace(string line)
    {
        foreach (var c in line)
        {
            if (c == ' ')
            {
                return line.Trim().Length > 0;
            }
            if (c != '\t')
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>Whether a raw string or a block comment is still open at the end of the line.</summary>
    private static (bool InRaw, bool InBlockComment) Scan(string line, bool inRaw, bool inBlock)
    {
        var inString = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            var next = i + 1 < line.Length ? line[i + 1] : '\0';
            if (inBlock)
            {
                if (c == '*' && next == '/')
                {
                    inBlock = false;
                    i++;
                }
            }
            else if (inRaw)
            {
                inRaw = c != '`';
            }
            else if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '/' && next == '/')
            {
                break;
            }
            else if (c == '/' && next == '*')
            {
                inBlock = true;
                i++;
            }
            else if (c == '`')
            {
                inRaw = true;
            }
            else if (c == '"')
            {
                inString = true;
            }
        }
        return (inRaw, inBlock);
    }
}
