using Build.Validation.Model;
using Build.Validation.Reference;
using YamlDotNet.RepresentationModel;

namespace Build.Validation.Checks;

/// <summary>
/// Loki's own validation of <c>schema_config.configs</c> (pkg/storage/config/schema_config.go): dates
/// YYYY-MM-DD in increasing order, schema v9..v13, tsdb (and boltdb-shipper) with a 24h index period,
/// index path_prefix ending in '/'.
/// </summary>
public static class SchemaPeriods
{
    private static readonly HashSet<string> Schemas = ["v9", "v10", "v11", "v12", "v13"];

    public static void Check(StackFile file, List<YamlNode> periods, ValidationReport report)
    {
        DateOnly? previous = null;
        foreach (var period in periods)
        {
            var fromNode = period.Get("from");
            if (!DateOnly.TryParseExact(fromNode.Str(), "yyyy-MM-dd", out var from))
            {
                report.Error(
                    file.Path,
                    fromNode?.Pos() ?? period.Pos(),
                    "schema period 'from' must be a date YYYY-MM-DD"
                );
            }
            else
            {
                if (previous is { } p && from <= p)
                {
                    report.Error(
                        file.Path,
                        fromNode!.Pos(),
                        "schema periods must have distinct 'from' dates in increasing order (Loki refuses to start)"
                    );
                }
                previous = from;
            }
            var schema = period.Get("schema");
            if (schema.Str() is { } version && !Schemas.Contains(version))
            {
                report.Error(
                    file.Path,
                    schema!.Pos(),
                    $"invalid schema version '{version}' (v9 to v13; use v13)"
                );
            }
            var store = period.Get("store").Str();
            var indexPeriod = period.At("index", "period");
            if (
                store is "tsdb" or "boltdb-shipper"
                && indexPeriod.Str() is { } text
                && ValueKinds.Seconds(text) is { } seconds
                && seconds != 86400
            )
            {
                report.Error(
                    file.Path,
                    indexPeriod!.Pos(),
                    $"{store} needs index.period 24h, not {text} (Loki refuses to start; retention needs it too)"
                );
            }
            var prefix = period.At("index", "path_prefix");
            if (prefix.Str() is { Length: > 0 } value && !value.EndsWith('/'))
            {
                report.Error(
                    file.Path,
                    prefix!.Pos(),
                    $"index.path_prefix '{value}' must end with '/'"
                );
            }
        }
    }
}
