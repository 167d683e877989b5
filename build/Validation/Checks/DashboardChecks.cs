using System.Text.Json;
using System.Text.Json.Nodes;
using Build.Stack;
using Build.Validation.Model;
using Build.Validation.Reference;

namespace Build.Validation.Checks;

/// <summary>
/// Dashboard JSON, once per value its datasource variables can take (<see cref="DashboardVariables"/>, over the
/// provisioned datasources): every variable has a datasource for every value of those before it, panel datasources
/// exist and have the type the panel declares, one value reads one tenant, and PromQL targets use catalogued series
/// of the tenant they read.
/// </summary>
public static class DashboardChecks
{
    private static readonly HashSet<string> BuiltIn =
    [
        "-- Grafana --",
        "-- Mixed --",
        "-- Dashboard --",
        "grafana",
    ];

    public static void Run(
        StackModel model,
        ValidationReport report,
        StackFile file,
        Dictionary<string, GrafanaDatasource> datasources
    )
    {
        var dashboard = JsonNode.Parse(file.Text);
        var (bindings, problems) = DashboardVariables.Expand(
            dashboard,
            datasources.Values.ToList()
        );
        foreach (var problem in problems)
        {
            report.Error(
                file.Path,
                file.Find("\"templating\""),
                $"dashboard {problem}: provision that datasource (config/grafana/provisioning/datasources) or fix the regex"
            );
        }
        var exprPositions = System
            .Text.RegularExpressions.Regex.Matches(file.Text, "\"expr\"\\s*:")
            .Select(m => file.PositionOf(m.Index))
            .ToList();
        var variables = DashboardVariables
            .All(dashboard)
            .Select(v => DashboardVariables.Text(v["name"]))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        foreach (var binding in bindings)
        {
            var walk = new Walker(
                model,
                report,
                file,
                datasources,
                binding,
                variables,
                exprPositions
            );
            walk.Visit(file.Json!.RootElement, null);
            if (binding.Tenants.Count > 1)
            {
                report.Error(
                    file.Path,
                    file.Find("\"templating\""),
                    $"dashboard with {binding} reads tenants {string.Join(" and ", binding.Tenants)}: each value of its variables must pick one tenant's datasources"
                );
            }
        }
    }

    private sealed class Walker(
        StackModel model,
        ValidationReport report,
        StackFile file,
        Dictionary<string, GrafanaDatasource> datasources,
        DashboardBinding binding,
        HashSet<string> variables,
        List<Position> exprPositions
    )
    {
        private int _next;

        public void Visit(JsonElement element, string? contextUid)
        {
            if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    Visit(item, contextUid);
                }
                return;
            }
            if (element.ValueKind != JsonValueKind.Object)
            {
                return;
            }
            var uid = element.TryGetProperty("datasource", out var ds)
                ? Resolve(ds) ?? contextUid
                : contextUid;
            var hasExpr = element.TryGetProperty("expr", out var expr);
            var at =
                hasExpr && _next < exprPositions.Count ? exprPositions[_next++] : Position.Start;
            if (
                hasExpr
                && expr.ValueKind == JsonValueKind.String
                && uid is not null
                && datasources.TryGetValue(uid, out var info)
                && info.Type == "prometheus"
            )
            {
                var tenant = binding.Values.Count > 0 && info.Tenant is { } t ? $" ({t})" : "";
                MetricChecks.CheckExpression(
                    model,
                    report,
                    file.Path,
                    at,
                    expr.GetString() ?? "",
                    info.Tenant,
                    "dashboard query" + tenant
                );
            }
            foreach (var property in element.EnumerateObject().Where(p => p.Name != "datasource"))
            {
                Visit(property.Value, uid);
            }
        }

        /// <summary>The uid a panel or target datasource names (through this binding's variables), or null.</summary>
        private string? Resolve(JsonElement ds)
        {
            var value =
                ds.ValueKind == JsonValueKind.Object && ds.TryGetProperty("uid", out var u)
                    ? Str(u)
                    : Str(ds);
            if (value is null || BuiltIn.Contains(value))
            {
                return null;
            }
            if (DashboardVariables.Referenced(value) is { } variable)
            {
                if (!variables.Contains(variable))
                {
                    report.Error(
                        file.Path,
                        file.Find($"\"{value}\""),
                        $"dashboard uses datasource variable '{value}', which its templating does not define{EditDistance.Hint(variable, variables)}"
                    );
                }
                if (!binding.Values.TryGetValue(variable, out var chosen))
                {
                    return null; // not a datasource variable: its value is not known here
                }
                var declared =
                    ds.ValueKind == JsonValueKind.Object && ds.TryGetProperty("type", out var t)
                        ? Str(t)
                        : null;
                if (declared is not null && declared != chosen.Type)
                {
                    report.Error(
                        file.Path,
                        file.Find($"\"{value}\""),
                        $"a {declared} panel reads '{value}', but variable '{variable}' holds {chosen.Type} datasources ({chosen.Name})"
                    );
                }
                return chosen.Uid;
            }
            if (value.StartsWith('$'))
            {
                return null;
            }
            if (!datasources.ContainsKey(value))
            {
                report.Error(
                    file.Path,
                    file.Find($"\"{value}\""),
                    $"dashboard references datasource uid '{value}', which no provisioned datasource has{EditDistance.Hint(value, datasources.Keys)}"
                );
            }
            return value;
        }

        private static string? Str(JsonElement e) =>
            e.ValueKind == JsonValueKind.String ? e.GetString() : null;
    }
}
