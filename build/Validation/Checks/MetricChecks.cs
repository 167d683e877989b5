using System.Text.Json;
using Build.Stack;
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
                model.InStack(StackLayout.MetricsFile),
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
            foreach (var item in Rules(rule.File))
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

    public static Dictionary<string, GrafanaDatasource> DatasourceIndex(StackModel model)
    {
        var index = new Dictionary<string, GrafanaDatasource>(StringComparer.Ordinal);
        foreach (
            var ds in model.GrafanaDatasources.SelectMany(f => f.Yaml.Get("datasources").Items())
        )
        {
            if (ds.Get("uid").Str() is { } uid)
            {
                index[uid] = new GrafanaDatasource(
                    uid,
                    ds.Get("name").Str() ?? "",
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
                && !tenant.Split('|').Any(t => tenants.Any(p => TenantMatches(p, t)))
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

    /// <summary>A metrics.yaml tenant: a name, or a prefix ending in <c>*</c> (<c>caro-backend-*</c>: every Caro tenant).</summary>
    private static bool TenantMatches(string pattern, string tenant) =>
        pattern.EndsWith('*')
            ? tenant.StartsWith(pattern[..^1], StringComparison.Ordinal)
            : pattern == tenant;

    /// <summary>Every rule (alert or record) of a rule file, across its groups.</summary>
    public static IEnumerable<YamlDotNet.RepresentationModel.YamlNode> Rules(StackFile file) =>
        file.Yaml.Get("groups").Items().SelectMany(g => g.Get("rules").Items());
}
