using Build.Validation.Checks;
using Build.Validation.Model;

namespace Build.Verify;

/// <summary>A provisioned datasource: uid, type and the tenant its X-Scope-OrgID header names (null: none).</summary>
public sealed record ProvisionedDatasource(string Uid, string Name, string Type, string? Tenant);

/// <summary>Grafana's provisioned datasources as stack/ declares them: what Verify expects each one to read.</summary>
public static class ProvisionedDatasources
{
    /// <summary>The datasources of <c>config/grafana/provisioning/datasources/*.yaml</c> with their tenants (read as Validate reads them).</summary>
    public static IReadOnlyList<ProvisionedDatasource> Read(string stackDirectory)
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
            .Select(ds => new ProvisionedDatasource(
                ds.Get("uid").Str() ?? "",
                ds.Get("name").Str() ?? "",
                ds.Get("type").Str() ?? "",
                TenantChecks.TenantOf(ds)?.Value
            ))
            .ToArray();
    }
}
