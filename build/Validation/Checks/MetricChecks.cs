using System.Text.Json;
using Build.Validation.Model;
using Build.Validation.PromQl;
using Build.Validation.Reference;

namespace Build.Validation.Checks;

/// <summary>Layer 3: rules and dashboards only use series listed in stack/metrics.yaml, in the tenant they query.</summary>
public static class MetricChecks
{
    public static void Run(StackModel model, ValidationReport report)
    {
        if (model.MetricsFile is null)
        {
            report.Error(
                model.InStack("metrics.yaml"),
                Position.Start,
                "metrics catalog stack/metrics.yaml is missing: rules and dashboards cannot be checked"
            );
            return;
        }
        if (model.MetricsFile.Yaml is null)
        {
            return; // its parse error is reported; checking against an empty catalog would only add noise
        }
        foreach (var rule in model.RuleFiles)
        {
            foreach (
                var item in rule
                    .File.Yaml.Get("groups")
                    .Items()
                    .SelectMany(g => g.Get("rules").Items())
            )
            {
                if (item.Get("expr") is { } expr && expr.Str() is { } text)
                {
                    CheckExpression(
                        model,
                        report,
                        rule.File.Path,
                        expr.Pos(),
                        text,
                        rule.Tenant,
                        $"rule {item.Get("alert").Str() ?? item.Get("record").Str()}"
                    );
                }
            }
        }
        var datasources = DatasourceIndex(model);
        foreach (var file in model.GrafanaDatasources)
        {
            foreach (var ds in file.Yaml.Get("datasources").Items())
            {
                foreach (var query in ds.At("jsonData", "tracesToMetrics", "queries").Items())
                {
                    var target = ds.At("jsonData", "tracesToMetrics", "datasourceUid").Str();
                    if (
                        query.Get("query") is { } q
                        && q.Str() is { } text
                        && target is not null
                        && datasources.TryGetValue(target, out var info)
                    )
                    {
                        CheckExpression(
                            model,
                            report,
                            file.Path,
                            q.Pos(),
                            text,
                            info.Tenant,
                            $"datasource {ds.Get("uid").Str()} tracesToMetrics"
                        );
                    }
                }
            }
        }
        // A provisioning file that did not parse hides datasource uids: dashboards are then not checked against them.
        var datasourcesComplete = !model.HasUnparsed("config/grafana/", FileKind.Yaml);
        foreach (
            var dashboard in model.Dashboards.Where(d => d.Json is not null && datasourcesComplete)
        )
        {
            DashboardChecks.Run(model, report, dashboard, datasources);
        }
    }

    public sealed record DatasourceInfo(string Type, string? Tenant);

    public static Dictionary<string, DatasourceInfo> DatasourceIndex(StackModel model)
    {
        var index = new Dictionary<string, DatasourceInfo>(StringComparer.Ordinal);
        foreach (
            var ds in model.GrafanaDatasources.SelectMany(f => f.Yaml.Get("datasources").Items())
        )
        {
            if (ds.Get("uid").Str() is { } uid)
            {
                index[uid] = new DatasourceInfo(
                    ds.Get("type").Str() ?? "",
                    TenantChecks.TenantOf(ds)?.Value
                );
            }
        }
        return index;
    }

    public static void CheckExpression(
        StackModel model,
        ValidationReport report,
        string path,
        Position at,
        string expr,
        string? tenant,
        string what
    )
    {
        foreach (var reference in PromQlNames.Extract(expr))
        {
            if (!model.Metrics.Contains(reference.Name))
            {
                var hint = EditDistance.Hint(reference.Name, model.Metrics.Names);
                report.Error(
                    path,
                    at,
                    $"{what}: series '{reference.Name}' is not in stack/metrics.yaml (nothing emits it){hint}"
                );
            }
            else if (
                tenant is not null
                && model.Metrics.TenantsOf(reference.Name) is { } tenants
                && !tenant.Split('|').Any(tenants.Contains)
            )
            {
                report.Error(
                    path,
                    at,
                    $"{what}: series '{reference.Name}' lands in tenant(s) {string.Join(", ", tenants.Order())}, not in '{tenant}' which this query reads"
                );
            }
        }
    }
}

/// <summary>Dashboard JSON: datasource uids exist; PromQL targets use catalogued series.</summary>
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
        Dictionary<string, MetricChecks.DatasourceInfo> datasources
    )
    {
        var exprPositions = System
            .Text.RegularExpressions.Regex.Matches(file.Text, "\"expr\"\\s*:")
            .Select(m => file.PositionOf(m.Index))
            .ToList();
        var next = 0;
        Walk(
            model,
            report,
            file,
            file.Json!.RootElement,
            null,
            datasources,
            exprPositions,
            ref next
        );
    }

    private static void Walk(
        StackModel model,
        ValidationReport report,
        StackFile file,
        JsonElement element,
        string? contextUid,
        Dictionary<string, MetricChecks.DatasourceInfo> datasources,
        List<Position> exprPositions,
        ref int next
    )
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(
                        model,
                        report,
                        file,
                        item,
                        contextUid,
                        datasources,
                        exprPositions,
                        ref next
                    );
                }
                break;
            case JsonValueKind.Object:
                var uid = contextUid;
                if (element.TryGetProperty("datasource", out var ds))
                {
                    var value =
                        ds.ValueKind == JsonValueKind.Object && ds.TryGetProperty("uid", out var u)
                            ? u.GetString()
                        : ds.ValueKind == JsonValueKind.String ? ds.GetString()
                        : null;
                    if (value is not null && !value.StartsWith('$') && !BuiltIn.Contains(value))
                    {
                        if (!datasources.ContainsKey(value))
                        {
                            report.Error(
                                file.Path,
                                file.Find($"\"{value}\""),
                                $"dashboard references datasource uid '{value}', which no provisioned datasource has{EditDistance.Hint(value, datasources.Keys)}"
                            );
                        }
                        uid = value;
                    }
                }
                var hasExpr = element.TryGetProperty("expr", out var expr);
                var at =
                    hasExpr && next < exprPositions.Count ? exprPositions[next++] : Position.Start;
                if (
                    hasExpr
                    && expr.ValueKind == JsonValueKind.String
                    && uid is not null
                    && datasources.TryGetValue(uid, out var info)
                    && info.Type == "prometheus"
                )
                {
                    var text = expr.GetString() ?? "";
                    MetricChecks.CheckExpression(
                        model,
                        report,
                        file.Path,
                        at,
                        text,
                        info.Tenant,
                        "dashboard query"
                    );
                }
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name != "datasource")
                    {
                        Walk(
                            model,
                            report,
                            file,
                            property.Value,
                            uid,
                            datasources,
                            exprPositions,
                            ref next
                        );
                    }
                }
                break;
        }
    }
}
