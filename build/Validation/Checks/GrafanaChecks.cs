using Build.Validation.Model;
using Build.Validation.Reference;

namespace Build.Validation.Checks;

/// <summary>Layer 2 for Grafana provisioning: datasource fields, literal '$' that must be '$$', dashboard providers (listed in build/Validation/README.md, layer 2).</summary>
public static class GrafanaChecks
{
    private static readonly HashSet<string> DatasourceKeys =
    [
        "name",
        "type",
        "uid",
        "access",
        "url",
        "isDefault",
        "editable",
        "version",
        "jsonData",
        "secureJsonData",
        "orgId",
        "basicAuth",
        "basicAuthUser",
        "withCredentials",
        "database",
        "user",
    ];

    private static readonly HashSet<string> DatasourceTypes = ["loki", "tempo", "prometheus"];

    public static void Run(StackModel model, ValidationReport report)
    {
        foreach (var file in model.GrafanaDatasources.Concat(model.GrafanaProviders))
        {
            CheckDollars(file, report);
        }
        foreach (var file in model.GrafanaDatasources)
        {
            foreach (var ds in file.Yaml.Get("datasources").Items())
            {
                foreach (var (key, _) in ds.Entries())
                {
                    if (!DatasourceKeys.Contains(key.Value ?? ""))
                    {
                        report.Error(
                            file.Path,
                            key.Pos(),
                            $"unknown datasource field '{key.Value}'{EditDistance.Hint(key.Value ?? "", DatasourceKeys)}"
                        );
                    }
                }
                foreach (var required in new[] { "name", "type", "uid" })
                {
                    if (ds.Get(required).Str() is null)
                    {
                        report.Error(file.Path, ds.Pos(), $"datasource without '{required}'");
                    }
                }
                if (ds.Get("type").Str() is { } type && !DatasourceTypes.Contains(type))
                {
                    report.Warning(
                        file.Path,
                        ds.Get("type")!.Pos(),
                        $"datasource type '{type}' is none of loki, tempo, prometheus{EditDistance.Hint(type, DatasourceTypes)}"
                    );
                }
            }
            var defaults = file
                .Yaml.Get("datasources")
                .Items()
                .Where(d => d.Get("isDefault").Bool() == true)
                .ToList();
            if (defaults.Count > 1)
            {
                report.Error(
                    file.Path,
                    defaults[1].Pos(),
                    "more than one datasource has isDefault: true (Grafana refuses the provisioning file)"
                );
            }
        }
        foreach (var file in model.GrafanaProviders)
        {
            foreach (var provider in file.Yaml.Get("providers").Items())
            {
                var fromFiles = provider.At("options", "foldersFromFilesStructure").Bool() == true;
                if (
                    fromFiles
                    && (
                        provider.Get("folder").Str() is { Length: > 0 }
                        || provider.Get("folderUid").Str() is { Length: > 0 }
                    )
                )
                {
                    report.Error(
                        file.Path,
                        provider.Pos(),
                        "options.foldersFromFilesStructure needs 'folder' and 'folderUid' unset"
                    );
                }
                if (provider.At("options", "path").Str() is null)
                {
                    report.Error(
                        file.Path,
                        provider.Pos(),
                        "dashboard provider without options.path"
                    );
                }
            }
        }
    }

    /// <summary>Grafana interpolates <c>$VAR</c>/<c>${VAR}</c> in provisioning files: Grafana's own variables must be written <c>$$</c>.</summary>
    private static void CheckDollars(StackFile file, ValidationReport report)
    {
        foreach (var scalar in file.Yaml.Scalars())
        {
            foreach (var (_, text) in EnvReferences.GrafanaVariables(scalar.Value ?? ""))
            {
                report.Error(
                    file.Path,
                    scalar.Pos(),
                    $"'{text}' is interpolated as an environment variable when Grafana reads provisioning files (it becomes empty): write '${text}'"
                );
            }
        }
    }
}
