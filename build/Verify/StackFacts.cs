using Build.Stack;
using Build.Validation;
using Build.Validation.Checks;
using Build.Validation.Model;

namespace Build.Verify;

/// <summary>
/// What Verify expects of the running stack, read from stack/ through Validate's model (the same roles: the rules
/// and Alertmanager folders Mimir's config names, Tempo's overrides, Grafana's provisioned datasources).
/// </summary>
public static class StackFacts
{
    /// <summary>The stack folder read as Validate reads it (its findings are Validate's business, not Verify's).</summary>
    public static StackModel Load(string stackDirectory) =>
        StackLoader.Load(
            Path.GetDirectoryName(Path.GetFullPath(stackDirectory))!,
            stackDirectory,
            new ValidationReport()
        );

    /// <summary>Group names per rule file of the tenant's folder of the ruler's local store.</summary>
    public static IReadOnlyList<(string File, string Group)> RuleGroups(
        StackModel model,
        string tenant
    ) =>
        model
            .RuleFiles.Where(r => r.Tenant == tenant)
            .OrderBy(r => r.File.Path, StringComparer.Ordinal)
            .SelectMany(r =>
                r.File.Yaml.Get("groups")
                    .Items()
                    .Select(g => g.Get("name").Str())
                    .OfType<string>()
                    .Select(group => (Path.GetFileName(r.File.Path), group))
            )
            .ToArray();

    /// <summary>The tenant's Alertmanager configuration file, if it has one.</summary>
    public static StackFile? AlertmanagerConfig(StackModel model, string tenant) =>
        model.AlertmanagerConfigs.FirstOrDefault(a => a.Tenant == tenant)?.File;

    /// <summary>
    /// True when Tempo's metrics generator makes span metrics for <paramref name="tenant"/>: its entry in Tempo's
    /// overrides lists the processor (an entry replaces the defaults entirely), else <c>overrides.defaults</c> of
    /// Tempo's config does.
    /// </summary>
    public static bool HasSpanMetrics(StackModel model, string tenant)
    {
        var entry =
            model
                .TempoOverrides.Select(f => f.Yaml.At("overrides", tenant))
                .FirstOrDefault(e => e is not null)
            ?? model.Tempo?.Yaml.At("overrides", "defaults");
        return entry.At("metrics_generator", "processors").Strings().Contains("span-metrics");
    }

    /// <summary>Grafana's provisioned datasources with their tenants (Validate's index).</summary>
    public static IReadOnlyList<GrafanaDatasource> Datasources(StackModel model) =>
        MetricChecks.DatasourceIndex(model).Values.ToArray();
}
