using System.Text.RegularExpressions;

namespace Build.Validation.Reference;

/// <summary>The value kinds the reference checks.</summary>
public enum ValueKind
{
    Any,
    String,
    Duration,
    Size,
    Port,
    Int,
    Float,
    Bool,
    List,
    Map,
}

public static partial class ValueKinds
{
    public static ValueKind Parse(string text) =>
        text switch
        {
            "" or "any" => ValueKind.Any,
            "str" => ValueKind.String,
            "dur" => ValueKind.Duration,
            "size" => ValueKind.Size,
            "port" => ValueKind.Port,
            "int" => ValueKind.Int,
            "float" => ValueKind.Float,
            "bool" => ValueKind.Bool,
            "list" => ValueKind.List,
            "map" => ValueKind.Map,
            _ => throw new ArgumentException($"unknown value kind '{text}'"),
        };

    /// <summary>Null when the scalar fits the kind, else what is wrong.</summary>
    public static string? Check(ValueKind kind, string value)
    {
        if (value.Contains("${", StringComparison.Ordinal))
        {
            return null; // expanded at start-up; the env checks look at it
        }
        return kind switch
        {
            ValueKind.Duration when !DurationPattern().IsMatch(value) =>
                $"'{value}' is not a duration: write it with a unit, e.g. 30s, 5m, 168h",
            ValueKind.Size when !SizePattern().IsMatch(value) =>
                $"'{value}' is not a size: write bytes or a unit, e.g. 512MiB, 64MB",
            ValueKind.Port when !int.TryParse(value, out var p) || p is < 0 or > 65535 =>
                $"'{value}' is not a port number (0-65535)",
            ValueKind.Int when !long.TryParse(value, out _) => $"'{value}' is not an integer",
            ValueKind.Float
                when !double.TryParse(
                    value,
                    System.Globalization.CultureInfo.InvariantCulture,
                    out _
                ) => $"'{value}' is not a number",
            ValueKind.Bool when value is not ("true" or "false") =>
                $"'{value}' is not a boolean (true or false)",
            _ => null,
        };
    }

    /// <summary>Duration in seconds (Prometheus units d/w/y included), null when not a duration.</summary>
    public static double? Seconds(string value)
    {
        if (!DurationPattern().IsMatch(value))
        {
            return null;
        }
        double total = 0;
        foreach (Match m in DurationPart().Matches(value))
        {
            var n = double.Parse(
                m.Groups[1].Value,
                System.Globalization.CultureInfo.InvariantCulture
            );
            total += m.Groups[2].Value switch
            {
                "ns" => n / 1e9,
                "us" or "µs" => n / 1e6,
                "ms" => n / 1e3,
                "s" => n,
                "m" => n * 60,
                "h" => n * 3600,
                "d" => n * 86400,
                "w" => n * 7 * 86400,
                "y" => n * 365 * 86400,
                _ => 0,
            };
        }
        return total;
    }

    [GeneratedRegex(@"^(0|((\d+(\.\d+)?)(ns|us|µs|ms|s|m|h|d|w|y))+)$")]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d|w|y)")]
    private static partial Regex DurationPart();

    [GeneratedRegex(@"^\d+(\.\d+)?\s*([KMGTPE]i?B?|[kmgtpe]i?b?|B)?$")]
    private static partial Regex SizePattern();
}
