using System.Text.RegularExpressions;
using Build.Validation.River;

namespace Build.Validation.Checks;

/// <summary>
/// Value kinds of common Alloy attributes (Alloy 1.18 component reference): durations are strings in Go syntax
/// (no d/w/y), memory sizes are strings with units, counts are numbers, switches are booleans.
/// </summary>
public static partial class AlloyValueChecks
{
    private enum Kind
    {
        Duration,
        Size,
        Number,
        Bool,
    }

    private static readonly Dictionary<string, Kind> Attributes = new(StringComparer.Ordinal)
    {
        ["check_interval"] = Kind.Duration,
        ["timeout"] = Kind.Duration,
        ["scrape_interval"] = Kind.Duration,
        ["scrape_timeout"] = Kind.Duration,
        ["initial_interval"] = Kind.Duration,
        ["max_interval"] = Kind.Duration,
        ["max_elapsed_time"] = Kind.Duration,
        ["remote_timeout"] = Kind.Duration,
        ["limit"] = Kind.Size,
        ["spike_limit"] = Kind.Size,
        ["send_batch_size"] = Kind.Number,
        ["send_batch_max_size"] = Kind.Number,
        ["metadata_cardinality_limit"] = Kind.Number,
        ["num_consumers"] = Kind.Number,
        ["queue_size"] = Kind.Number,
        ["limit_percentage"] = Kind.Number,
        ["spike_limit_percentage"] = Kind.Number,
        ["include_metadata"] = Kind.Bool,
        ["enabled"] = Kind.Bool,
        ["send_exemplars"] = Kind.Bool,
        ["send_native_histograms"] = Kind.Bool,
        ["insecure"] = Kind.Bool,
    };

    public static void Run(string path, RiverBody body, ValidationReport report)
    {
        foreach (var block in body.AllBlocks())
        {
            foreach (var attribute in block.Body.Statements.OfType<RiverAttribute>())
            {
                if (
                    Attributes.TryGetValue(attribute.Name, out var kind)
                    && (kind != Kind.Size || block.Name == "otelcol.processor.memory_limiter")
                    && attribute.Value is RiverLiteral literal
                    && Problem(kind, literal) is { } problem
                )
                {
                    report.Error(path, literal.Pos, $"{block.Name} {attribute.Name}: {problem}");
                }
            }
        }
    }

    private static string? Problem(Kind kind, RiverLiteral literal)
    {
        var isString = literal.Kind == RiverTokenKind.String;
        var isNumber = literal.Kind == RiverTokenKind.Number;
        var isBool = literal.Value is "true" or "false" && literal.Kind == RiverTokenKind.Ident;
        return kind switch
        {
            Kind.Duration when !isString =>
                $"durations are strings, e.g. \"30s\", not {literal.Value}",
            Kind.Duration when !GoDuration().IsMatch(literal.Value) =>
                $"\"{literal.Value}\" is not a duration (Go syntax: ms, s, m, h; no d/w/y)",
            Kind.Size when !isString =>
                $"sizes are strings with a unit, e.g. \"512MiB\", not {literal.Value}",
            Kind.Size when !Size().IsMatch(literal.Value) =>
                $"\"{literal.Value}\" is not a size (e.g. \"512MiB\")",
            Kind.Number when !isNumber =>
                $"expects a number, not {(isString ? $"\"{literal.Value}\"" : literal.Value)}",
            Kind.Bool when !isBool =>
                $"expects true or false, not {(isString ? $"\"{literal.Value}\"" : literal.Value)}",
            _ => null,
        };
    }

    [GeneratedRegex(@"^(0|((\d+(\.\d+)?)(ns|us|µs|ms|s|m|h))+)$")]
    private static partial Regex GoDuration();

    [GeneratedRegex(@"^\d+(\.\d+)?\s*([KMGTPE]i?B|B)?$")]
    private static partial Regex Size();
}
