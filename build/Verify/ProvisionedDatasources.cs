using Build.Stack;
using Build.Validation.Checks;
using Build.Validation.Model;

namespace Build.Verify;

/// <summary>Grafana's provisioned datasources as stack/ declares them: what Verify expects each one to read.</summary>
public static class ProvisionedDatasources
{
    /// <summary>The datasources of <c>config/grafana/provisioning/datasources/*.yaml</c> with their tenants (read as Validate reads them).</summary>
    public static IReadOnlyList<GrafanaDatasource> Read(string stackDirectory)
    {
        var directory = Path.Combine(
            stackDirectory,
            "config",
            "grafana",
            "provisioning",
            "datasources"
        );
        var files = Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.y*ml").Order(StringComparer.Ordinal).ToArray()
            : [];
        return files
            .SelectMany(file => StackFacts.Load(file).Get("datasources").Items())
            .Select(ds => new GrafanaDatasource(
                ds.Get("uid").Str() ?? "",
                ds.Get("name").Str() ?? "",
                ds.Get("type").Str() ?? "",
                TenantChecks.TenantOf(ds)?.Value
            ))
            .ToArray();
    }
}
