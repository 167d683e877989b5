using Build.Validation.Model;
using Build.Validation.Reference;

namespace Build.Validation.Checks;

/// <summary>
/// Layer 3: the tenants stack/env.yaml declares (else the majority's). Each one has its per-tenant files (datasources,
/// a rule folder, an Alertmanager config; a missing one is a finding naming what to create); the three backends'
/// overrides may leave a tenant out (it gets their defaults) but name no other tenant.
/// </summary>
public static class TenantChecks
{
    /// <summary>Where a part of the stack names tenants; <paramref name="Create"/>: what a tenant missing there must add (null: optional).</summary>
    private sealed record Source(
        string Name,
        string Path,
        Dictionary<string, Position> Tenants,
        Func<string, string>? Create = null
    );

    public static void Run(StackModel model, ValidationReport report)
    {
        var sources = new List<Source>();
        foreach (var file in model.GrafanaDatasources)
        {
            sources.Add(
                new Source(
                    "Grafana datasources",
                    file.Path,
                    DatasourceTenants(file),
                    t =>
                        $"no Grafana datasource reads tenant '{t}': add its datasources (X-Scope-OrgID: {t}) to {file.Path}"
                )
            );
        }
        AddOverrides(sources, "Loki runtime overrides", model.LokiRuntime);
        AddOverrides(sources, "Mimir runtime overrides", model.MimirRuntime);
        AddOverrides(sources, "Tempo per-tenant overrides", model.TempoOverrides);
        if (model.RulesDirectory is { } rules && model.FolderAt(rules) is { } entries)
        {
            var tenants = entries
                .Where(e => e.IsFolder)
                .ToDictionary(e => Path.GetFileName(e.FullPath), _ => Position.Start);
            var folder = model.Relative(rules);
            sources.Add(
                new Source(
                    "Mimir rule folders",
                    folder,
                    tenants,
                    t =>
                        $"tenant '{t}' has no rule folder: create {folder}/{t}/<name>.yaml (and its tests in tests/rules/{t}/)"
                )
            );
        }
        if (model.AlertmanagerConfigs.Count > 0)
        {
            var amDir = model.Relative(
                Path.GetDirectoryName(model.AlertmanagerConfigs[0].File.FullPath)!
            );
            sources.Add(
                new Source(
                    "Alertmanager configs",
                    amDir,
                    model.AlertmanagerConfigs.ToDictionary(a => a.Tenant, _ => Position.Start),
                    t => $"tenant '{t}' has no Alertmanager config: create {amDir}/{t}.yaml"
                )
            );
        }
        sources.RemoveAll(s => s.Tenants.Count == 0 && s.Name == "Grafana datasources");
        if (sources.Count < 2)
        {
            return;
        }
        var counts = sources
            .SelectMany(s => s.Tenants.Keys)
            .GroupBy(t => t)
            .ToDictionary(g => g.Key, g => g.Count());
        // The tenants env.yaml declares; without that list, those most parts of the stack agree on.
        var canonical =
            model.Env.Tenants.Count > 0
                ? model.Env.Tenants.Keys.ToHashSet()
                : counts.Where(c => c.Value * 2 >= sources.Count).Select(c => c.Key).ToHashSet();
        foreach (var source in sources)
        {
            foreach (var (tenant, at) in source.Tenants.Where(t => !canonical.Contains(t.Key)))
            {
                report.Error(
                    source.Path,
                    at,
                    $"tenant '{tenant}' in {source.Name} is not one of the stack's tenants ({string.Join(", ", canonical.Order())}){EditDistance.Hint(tenant, canonical)}"
                );
            }
            foreach (var missing in canonical.Where(t => !source.Tenants.ContainsKey(t)).Order())
            {
                if (source.Create is { } create)
                {
                    report.Error(
                        source.Path,
                        Position.Start,
                        $"{create(missing)} ({(model.Env.Tenants.Count > 0 ? "stack/env.yaml declares it" : "every other part of the stack has it")})"
                    );
                }
            }
        }
        foreach (var rule in model.RuleFiles)
        {
            foreach (
                var label in MetricChecks
                    .Rules(rule.File)
                    .Select(r => r.At("labels", "tenant"))
                    .OfType<YamlDotNet.RepresentationModel.YamlNode>()
            )
            {
                if (label.Str() is { } value && value != rule.Tenant)
                {
                    report.Error(
                        rule.File.Path,
                        label.Pos(),
                        $"rule labelled tenant '{value}' lives in the folder of tenant '{rule.Tenant}'"
                    );
                }
            }
        }
    }

    private static void AddOverrides(List<Source> sources, string name, List<StackFile> files)
    {
        foreach (var file in files)
        {
            var tenants = file
                .Yaml.Get("overrides")
                .Entries()
                .Where(e => e.Key.Value != "*")
                .ToDictionary(e => e.Key.Value ?? "", e => e.Key.Pos());
            sources.Add(new Source(name, file.Path, tenants));
        }
    }

    /// <summary>X-Scope-OrgID values of the datasources (numbered httpHeaderName/httpHeaderValue pairs; 'a|b' counts both).</summary>
    public static Dictionary<string, Position> DatasourceTenants(StackFile file)
    {
        var tenants = new Dictionary<string, Position>();
        foreach (var ds in file.Yaml.Get("datasources").Items())
        {
            if (TenantOf(ds) is { } value)
            {
                foreach (var tenant in value.Value.Split('|'))
                {
                    tenants.TryAdd(tenant, value.Pos);
                }
            }
        }
        return tenants;
    }

    public static (string Value, Position Pos)? TenantOf(YamlDotNet.RepresentationModel.YamlNode ds)
    {
        foreach (var (key, value) in ds.Get("jsonData").Entries())
        {
            if (
                key.Value?.StartsWith("httpHeaderName", StringComparison.Ordinal) == true
                && value.Str()?.Equals("X-Scope-OrgID", StringComparison.OrdinalIgnoreCase) == true
            )
            {
                var n = key.Value["httpHeaderName".Length..];
                if (
                    ds.At("secureJsonData", "httpHeaderValue" + n) is { } header
                    && header.Str() is { } tenant
                )
                {
                    return (tenant, header.Pos());
                }
            }
        }
        return null;
    }
}
