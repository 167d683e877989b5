using Build.Validation.Model;

namespace Build.Validation.Checks;

/// <summary>Layer 3: exemplars wanted (Grafana exemplar links, Tempo's generator) but Mimir stores none (limit 0 by default).</summary>
public static class ExemplarChecks
{
    public static void Run(StackModel model, ValidationReport report)
    {
        if (model.Mimir?.Yaml is not { } mimir)
        {
            return;
        }
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (
            var ds in model.GrafanaDatasources.SelectMany(f => f.Yaml.Get("datasources").Items())
        )
        {
            if (
                ds.At("jsonData", "exemplarTraceIdDestinations").Items().Any()
                && TenantChecks.TenantOf(ds) is { } tenant
            )
            {
                wanted.UnionWith(tenant.Value.Split('|'));
            }
        }
        var fromTempo =
            model.Tempo?.Yaml.At("metrics_generator", "storage", "remote_write").Items().Any()
            == true;
        if (fromTempo)
        {
            foreach (var overrides in model.TempoOverrides)
            {
                foreach (var (tenant, limits) in overrides.Yaml.Get("overrides").Entries())
                {
                    if (
                        limits.At("metrics_generator", "processors").Items().Any()
                        && tenant.Value != "*"
                    )
                    {
                        wanted.Add(tenant.Value ?? "");
                    }
                }
            }
        }
        if (wanted.Count == 0)
        {
            return;
        }
        var defaultNode = mimir.At("limits", "max_global_exemplars_per_user");
        var defaultValue = long.TryParse(defaultNode.Str(), out var d) ? d : 0;
        foreach (var tenant in wanted.Order(StringComparer.Ordinal))
        {
            var (overrideFile, overrideNode) = model
                .MimirRuntime.Select(f =>
                    (File: f, Node: f.Yaml.At("overrides", tenant, "max_global_exemplars_per_user"))
                )
                .FirstOrDefault(x => x.Node is not null);
            var value =
                overrideNode is not null && long.TryParse(overrideNode.Str(), out var o)
                    ? o
                    : defaultValue;
            if (value > 0)
            {
                continue;
            }
            var (path, at) = overrideNode is not null
                ? (overrideFile.Path, overrideNode.Pos())
                : (
                    model.Mimir.Path,
                    defaultNode?.Pos() ?? mimir.KeyNode("limits")?.Pos() ?? Position.Start
                );
            report.Error(
                path,
                at,
                $"tenant {tenant} wants exemplars (Grafana exemplar links / Tempo's generator) but Mimir's max_global_exemplars_per_user is {value}{(defaultNode is null && overrideNode is null ? " (default)" : "")}: exemplars are dropped; set it above 0"
            );
        }
    }
}
