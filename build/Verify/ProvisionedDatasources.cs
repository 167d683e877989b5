using YamlDotNet.RepresentationModel;

namespace Build.Verify;

/// <summary>A provisioned datasource: uid, type and the tenant its X-Scope-OrgID header names (null: none).</summary>
public sealed record ProvisionedDatasource(string Uid, string Name, string Type, string? Tenant);

/// <summary>Grafana's provisioned datasources as stack/ declares them: what Verify expects each one to read.</summary>
public static class ProvisionedDatasources
{
    /// <summary>The datasources of <c>config/grafana/provisioning/datasources/*.yaml</c> with their tenants.</summary>
    public static IReadOnlyList<ProvisionedDatasource> Read(string stackDirectory)
    {
        var directory = Path.Combine(
            stackDirectory,
            "config",
            "grafana",
            "provisioning",
            "datasources"
        );
        var result = new List<ProvisionedDatasource>();
        foreach (
            var file in Directory.Exists(directory)
                ? Directory.GetFiles(directory, "*.y*ml").Order(StringComparer.Ordinal).ToArray()
                : []
        )
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(File.ReadAllText(file)));
            if (
                yaml.Documents.Count == 0
                || Child(yaml.Documents[0].RootNode, "datasources") is not YamlSequenceNode list
            )
            {
                continue;
            }
            foreach (var ds in list.Children)
            {
                string? tenant = null;
                if (Child(ds, "jsonData") is YamlMappingNode json)
                {
                    foreach (var (key, value) in json.Children)
                    {
                        if (
                            key.ToString().StartsWith("httpHeaderName", StringComparison.Ordinal)
                            && value
                                .ToString()
                                .Equals(VerifyHttp.TenantHeader, StringComparison.OrdinalIgnoreCase)
                        )
                        {
                            tenant = Child(
                                Child(ds, "secureJsonData"),
                                "httpHeaderValue" + key.ToString()["httpHeaderName".Length..]
                            )
                                ?.ToString();
                        }
                    }
                }
                result.Add(
                    new ProvisionedDatasource(
                        Child(ds, "uid")?.ToString() ?? "",
                        Child(ds, "name")?.ToString() ?? "",
                        Child(ds, "type")?.ToString() ?? "",
                        tenant
                    )
                );
            }
        }
        return result;
    }

    private static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var v)
            ? v
            : null;
}
