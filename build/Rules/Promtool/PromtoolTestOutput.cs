using System.Text;
using System.Text.RegularExpressions;
using Build.Validation.River;

namespace Build.Rules.Promtool;

/// <summary>One failure promtool reported: its test group, alert or expression, and promtool's own text (expected vs got).</summary>
/// <param name="Group">The test group named before it (promtool 2.x names the group only before alert failures).</param>
/// <param name="Expression">For a promql_expr_test failure: the expression, unquoted.</param>
/// <param name="Time">The evaluation time promtool printed.</param>
public sealed record PromtoolFailure(
    string? Group,
    string? Alert,
    string? Expression,
    string? Time,
    string Detail
);

/// <summary>
/// Reads what <c>promtool test rules</c> prints for one test file (2.x and 3.x print the same shape):
/// <code>
///   FAILED:
///     name: &lt;group&gt;,
///     alertname: &lt;alert&gt;, time: 17m,
///         exp:[...],
///         got:[...]
///     expr: "&lt;promql&gt;", time: 1m,
///         exp: ...
/// </code>
/// Text that belongs to no group (a rule file that does not load, a YAML error) becomes a failure without a group.
/// </summary>
public static partial class PromtoolTestOutput
{
    [GeneratedRegex(@"^\s*name: (?<name>.*),\s*$")]
    private static partial Regex GroupLine();

    [GeneratedRegex(@"^\s*alertname: (?<alert>[^,]+), time: (?<time>[^,]+)")]
    private static partial Regex AlertLine();

    [GeneratedRegex(@"^\s*expr: (?<expr>"".*""), time: (?<time>[^,]+)")]
    private static partial Regex ExpressionLine();

    [GeneratedRegex(@"^\s*FAILED:?\s*$")]
    private static partial Regex FailedLine();

    public static IReadOnlyList<PromtoolFailure> Parse(string output)
    {
        var failures = new List<PromtoolFailure>();
        string? group = null;
        Entry? current = null;
        var inFailures = false;

        foreach (var raw in output.Replace("\r\n", "\n").Split('\n'))
        {
            var line = raw.TrimEnd();
            if (FailedLine().IsMatch(line))
            {
                inFailures = true;
                continue;
            }
            if (
                !inFailures
                || line.Length == 0
                || line.StartsWith("Unit Testing:", StringComparison.Ordinal)
            )
            {
                continue;
            }
            if (GroupLine().Match(line) is { Success: true } g)
            {
                Close();
                group = g.Groups["name"].Value;
                continue;
            }
            if (AlertLine().Match(line) is { Success: true } a)
            {
                Close();
                current = new Entry(
                    group,
                    a.Groups["alert"].Value.Trim(),
                    null,
                    a.Groups["time"].Value
                );
            }
            else if (ExpressionLine().Match(line) is { Success: true } e)
            {
                Close();
                current = new Entry(
                    group,
                    null,
                    Unquote(e.Groups["expr"].Value),
                    e.Groups["time"].Value
                );
            }
            current ??= new Entry(group, null, null, null);
            current.Text.AppendLine(line);
        }
        Close();
        return failures;

        void Close()
        {
            if (current is not null)
            {
                failures.Add(
                    new PromtoolFailure(
                        current.Group,
                        current.Alert,
                        current.Expression,
                        current.Time,
                        Dedent(current.Text.ToString())
                    )
                );
            }
            current = null;
        }
    }

    private static string Dedent(string text)
    {
        var lines = text.TrimEnd().Split('\n');
        var indent = lines
            .Where(l => l.Trim().Length > 0)
            .Select(l => l.Length - l.TrimStart().Length)
            .DefaultIfEmpty(0)
            .Min();
        return string.Join(
            '\n',
            lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart())
        );
    }

    /// <summary>Undoes Go's %q quoting of the expression: Go's string escapes are Alloy's, so the Alloy lexer decodes them.</summary>
    public static string Unquote(string quoted)
    {
        try
        {
            return
                new RiverLexer(quoted).Tokenize()
                    is [{ Kind: RiverTokenKind.String } text, { Kind: RiverTokenKind.End }]
                ? text.Text
                : quoted;
        }
        catch (RiverSyntaxException)
        {
            return quoted;
        }
    }

    private sealed class Entry(string? group, string? alert, string? expression, string? time)
    {
        public string? Group { get; } = group;
        public string? Alert { get; } = alert;
        public string? Expression { get; } = expression;
        public string? Time { get; } = time;
        public StringBuilder Text { get; } = new();
    }
}
