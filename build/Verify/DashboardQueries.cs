using System.Text.Json.Nodes;
using Build.Stack;

namespace Build.Verify;

/// <summary>
/// The queries of a dashboard as Grafana's <c>/api/ds/query</c> takes them (pure): every target of every panel
/// (rows included) with its datasource resolved (a <c>${var}</c> datasource takes its value in
/// <c>binding</c>, one value of each datasource variable, else the variable's current value) and the
/// dashboard's own variables replaced by their current value (<c>$__all</c> by <c>.*</c>). Grafana's built-in
/// variables (<c>$__rate_interval</c>...) are left to Grafana.
/// </summary>
public static class DashboardQueries
{
    public static IEnumerable<(string Panel, JsonObject Query)> Of(
        JsonNode? dashboard,
        DashboardBinding? binding = null
    )
    {
        binding ??= new DashboardBinding(new Dictionary<string, GrafanaDatasource>());
        var variables = Variables(dashboard);
        foreach (var panel in Panels(dashboard?["panels"]))
        {
            var title = panel["title"]?.GetValue<string>() ?? "(untitled)";
            foreach (var target in panel["targets"]?.AsArray() ?? [])
            {
                if (target is not JsonObject query)
                {
                    continue;
                }
                var copy = (JsonObject)query.DeepClone();
                var datasource = Datasource(
                    copy["datasource"] ?? panel["datasource"],
                    binding,
                    variables
                );
                if (
                    datasource is null
                    || datasource.StartsWith("-- ", StringComparison.Ordinal)
                    || datasource is "grafana" or "__expr__"
                )
                {
                    continue;
                }
                copy["datasource"] = new JsonObject { ["uid"] = datasource };
                copy["refId"] ??= "A";
                foreach (var key in new[] { "expr", "query" })
                {
                    if (copy[key] is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        copy[key] = binding.Substitute(text, others: variables);
                    }
                }
                yield return (title, copy);
            }
        }
    }

    private static string? Datasource(
        JsonNode? node,
        DashboardBinding binding,
        IReadOnlyDictionary<string, string> variables
    )
    {
        var text = node switch
        {
            JsonObject ds => ds["uid"]?.GetValue<string>(),
            JsonValue value when value.TryGetValue<string>(out var s) => s,
            _ => null,
        };
        return text is null ? null : binding.Substitute(text, others: variables);
    }

    private static Dictionary<string, string> Variables(JsonNode? dashboard)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in dashboard?["templating"]?["list"]?.AsArray() ?? [])
        {
            var name = variable?["name"]?.GetValue<string>();
            var current = variable?["current"]?["value"];
            var value = current switch
            {
                JsonArray list => list.Count == 1 ? list[0]?.ToString() : ".*",
                JsonValue single => single.ToString(),
                _ => null,
            };
            if (name is not null && value is not null)
            {
                variables[name] = value is "$__all" ? ".*" : value;
            }
        }
        return variables;
    }

    private static IEnumerable<JsonNode> Panels(JsonNode? panels)
    {
        foreach (var panel in panels?.AsArray() ?? [])
        {
            if (panel is null)
            {
                continue;
            }
            yield return panel;
            foreach (var inner in Panels(panel["panels"]))
            {
                yield return inner;
            }
        }
    }
}
