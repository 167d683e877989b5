using System.Globalization;
using System.Text.RegularExpressions;

namespace Build.Rules.Promtool;

/// <summary>Prometheus durations as promtool prints them (<c>1h30m</c>, <c>90s</c>, <c>500ms</c>).</summary>
public static partial class PromDuration
{
    [GeneratedRegex(@"^((?<n>\d+)(?<u>ms|s|m|h|d|w|y))+$")]
    private static partial Regex Shape();

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var match = Shape().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }
        for (var i = 0; i < match.Groups["n"].Captures.Count; i++)
        {
            var n = long.Parse(match.Groups["n"].Captures[i].Value, CultureInfo.InvariantCulture);
            duration += match.Groups["u"].Captures[i].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(n),
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                "h" => TimeSpan.FromHours(n),
                "d" => TimeSpan.FromDays(n),
                "w" => TimeSpan.FromDays(7 * n),
                _ => TimeSpan.FromDays(365 * n),
            };
        }
        return true;
    }
}
