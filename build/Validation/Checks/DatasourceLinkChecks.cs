using Build.Stack;
using Build.Validation.Model;
using Build.Validation.Reference;
using YamlDotNet.RepresentationModel;

namespace Build.Validation.Checks;

/// <summary>
/// Layer 3: the correlations between datasources (traces→logs, traces→metrics, service map, exemplars→traces,
/// logs→traces) point at an existing uid of the right type, in the same tenant.
/// </summary>
public static class DatasourceLinkChecks
{
    private sealed record Link(string Name, string[] Path, string ExpectedType);

    private static readonly Link[] Links =
    [
        new("tracesToLogsV2", ["jsonData", "tracesToLogsV2", "datasourceUid"], "loki"),
        new("tracesToMetrics", ["jsonData", "tracesToMetrics", "datasourceUid"], "prometheus"),
        new("serviceMap", ["jsonData", "serviceMap", "datasourceUid"], "prometheus"),
    ];

    public static void Run(StackModel model, ValidationReport report)
    {
        if (model.HasUnparsed("config/grafana/", FileKind.Yaml))
        {
            return; // some datasources did not parse: links to them cannot be judged
        }
        var index = MetricChecks.DatasourceIndex(model);
        foreach (var file in model.GrafanaDatasources)
        {
            foreach (var ds in file.Yaml.Get("datasources").Items())
            {
                var uid = ds.Get("uid").Str() ?? "?";
                var tenant = TenantChecks.TenantOf(ds)?.Value;
                var targets = Links
                    .Select(l => (l.Name, Node: ds.At(l.Path), l.ExpectedType))
                    .Concat(
                        ds.At("jsonData", "exemplarTraceIdDestinations")
                            .Items()
                            .Select(d =>
                                ("exemplarTraceIdDestinations", d.Get("datasourceUid"), "tempo")
                            )
                    )
                    .Concat(
                        ds.At("jsonData", "derivedFields")
                            .Items()
                            .Select(f => ("derivedFields", f.Get("datasourceUid"), "tempo"))
                    );
                foreach (var (link, node, expectedType) in targets)
                {
                    Check(file, report, index, uid, tenant, link, node, expectedType);
                }
            }
        }
    }

    private static void Check(
        StackFile file,
        ValidationReport report,
        Dictionary<string, GrafanaDatasource> index,
        string uid,
        string? tenant,
        string link,
        YamlNode? node,
        string expectedType
    )
    {
        if (node.Str() is not { } target)
        {
            return;
        }
        if (!index.TryGetValue(target, out var info))
        {
            report.Error(
                file.Path,
                node!.Pos(),
                $"datasource {uid}: {link} points at uid '{target}', which no datasource has{EditDistance.Hint(target, index.Keys)}"
            );
            return;
        }
        if (info.Type != expectedType)
        {
            report.Error(
                file.Path,
                node!.Pos(),
                $"datasource {uid}: {link} needs a {expectedType} datasource, but '{target}' is {info.Type}"
            );
        }
        if (tenant is not null && info.Tenant is not null && tenant != info.Tenant)
        {
            report.Error(
                file.Path,
                node!.Pos(),
                $"datasource {uid} (tenant {tenant}): {link} points at '{target}' of tenant {info.Tenant}: the correlation would find nothing"
            );
        }
    }
}
