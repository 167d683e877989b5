using System.Globalization;
using System.Text.Json;

namespace Build.Verify;

/// <summary>A series of an instant query: its labels and value.</summary>
public sealed record Series(IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>A rule group the Mimir ruler runs for a tenant, with each rule's health.</summary>
public sealed record RuleGroup(string Name, string File, IReadOnlyList<RuleState> Rules);

public sealed record RuleState(string Name, string Health, string LastError);

/// <summary>Reads the backends' JSON answers; a malformed or error answer is a <see cref="FormatException"/> with one line.</summary>
public static class BackendAnswers
{
    /// <summary>The log lines of a Loki <c>query_range</c> answer (streams).</summary>
    public static IReadOnlyList<string> LokiLines(string json)
    {
        var data = Data(json);
        var lines = new List<string>();
        foreach (var stream in Array(data, "result"))
        {
            foreach (var value in Array(stream, "values"))
            {
                if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() >= 2)
                {
                    lines.Add(value[1].GetString() ?? "");
                }
            }
        }
        return lines;
    }

    /// <summary>The series of a Prometheus instant query answer (vector).</summary>
    public static IReadOnlyList<Series> Vector(string json)
    {
        var data = Data(json);
        var series = new List<Series>();
        foreach (var item in Array(data, "result"))
        {
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (item.TryGetProperty("metric", out var metric))
            {
                foreach (var label in metric.EnumerateObject())
                {
                    labels[label.Name] = label.Value.GetString() ?? "";
                }
            }
            var value =
                item.TryGetProperty("value", out var pair)
                && pair.ValueKind == JsonValueKind.Array
                && pair.GetArrayLength() == 2
                    ? double.Parse(pair[1].GetString() ?? "NaN", CultureInfo.InvariantCulture)
                    : double.NaN;
            series.Add(new Series(labels, value));
        }
        return series;
    }

    /// <summary>The groups of a Prometheus-style <c>/api/v1/rules</c> answer.</summary>
    public static IReadOnlyList<RuleGroup> Rules(string json)
    {
        var data = Data(json);
        return Array(data, "groups")
            .Select(g => new RuleGroup(
                Text(g, "name"),
                Text(g, "file"),
                Array(g, "rules")
                    .Select(r => new RuleState(
                        Text(r, "name"),
                        Text(r, "health"),
                        Text(r, "lastError")
                    ))
                    .ToArray()
            ))
            .ToArray();
    }

    /// <summary>True when a Tempo trace-by-id answer holds at least one span.</summary>
    public static bool TraceHasSpans(string json)
    {
        using var document = Parse(json);
        var root = document.RootElement;
        // /api/v2/traces/{id}: {"trace": {"resourceSpans": [...]}}; /api/traces/{id}: {"batches": [...]}.
        var trace = root.TryGetProperty("trace", out var inner) ? inner : root;
        foreach (var key in new[] { "resourceSpans", "batches" })
        {
            if (
                trace.TryGetProperty(key, out var batches)
                && batches.ValueKind == JsonValueKind.Array
                && batches.GetArrayLength() > 0
            )
            {
                return true;
            }
        }
        return false;
    }

    private static JsonElement Data(string json)
    {
        using var document = Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("the answer is not a JSON object");
        }
        if (Text(root, "status") == "error")
        {
            throw new FormatException(
                $"{Text(root, "errorType")}: {Text(root, "error")}".Trim(' ', ':')
            );
        }
        return root.TryGetProperty("data", out var data)
            ? data.Clone()
            : throw new FormatException("the answer has no 'data'");
    }

    private static JsonDocument Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not JSON ({e.Message.Split('.')[0]})");
        }
    }

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().ToArray()
            : [];

    private static string Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString() ?? ""
            : "";
}
