using Build.Stack;

namespace Build.Validation.Model;

/// <summary>
/// Which file plays which role: the configs the compose commands name (through bind mounts) first, then by folder
/// (stack/config/&lt;component&gt;/) and content (runtime overrides, rule files, Alertmanager configs).
/// </summary>
public static class StackRoles
{
    private static readonly HashSet<string> MimirRuntimeKeys =
    [
        "overrides",
        "multi_kv_config",
        "ingester_limits",
        "distributor_limits",
    ];

    public static void Assign(StackModel model)
    {
        model.Compose = StackLayout
            .ComposeNames.Select(n => model.Files.GetValueOrDefault(model.InStack(n)))
            .FirstOrDefault(f => f is not null);
        model.EnvFile = model.Files.GetValueOrDefault(model.InStack(StackLayout.EnvFile));
        model.Env = EnvironmentCatalog.Read(model.EnvFile);
        model.MetricsFile = model.Files.GetValueOrDefault(model.InStack(StackLayout.MetricsFile));
        model.Metrics = MetricsCatalog.Read(model.MetricsFile);

        model.Loki = Mounted(model, "loki");
        model.Tempo = Mounted(model, "tempo");
        foreach (
            var file in In(model, "loki", FileKind.Yaml)
                .Where(f => f != model.Loki && !IsRuleFile(f))
        )
        {
            if (IsOnly(file, "overrides", "configs"))
            {
                model.LokiRuntime.Add(file);
            }
            else
            {
                model.Loki ??= file;
            }
        }
        foreach (var file in In(model, "tempo", FileKind.Yaml).Where(f => f != model.Tempo))
        {
            if (IsOnly(file, "overrides"))
            {
                model.TempoOverrides.Add(file);
            }
            else
            {
                model.Tempo ??= file;
            }
        }
        model.Alloy =
            Mounted(model, "alloy") ?? In(model, "alloy", FileKind.Alloy).FirstOrDefault();
        foreach (var file in In(model, "grafana", FileKind.Yaml))
        {
            var keys = StackModel.TopKeys(file);
            if (keys.Contains("datasources") || keys.Contains("deleteDatasources"))
            {
                model.GrafanaDatasources.Add(file);
            }
            else if (keys.Contains("providers"))
            {
                model.GrafanaProviders.Add(file);
            }
        }
        model.Dashboards.AddRange(In(model, "grafana", FileKind.Json));
        AssignMimir(model);
    }

    /// <summary>The config file a service's command names (<c>-config.file=</c>, or <c>alloy run FILE</c>), through its bind mounts.</summary>
    private static StackFile? Mounted(StackModel model, string serviceName)
    {
        if (model.Service(serviceName) is not { } service || model.Compose is null)
        {
            return null;
        }
        var container = serviceName == "alloy" ? AlloyConfig(service) : service.Flag("config.file");
        var host = container is null
            ? null
            : service.HostPath(container, Path.GetDirectoryName(model.Compose.FullPath)!);
        return host is null ? null : model.FileAt(host);
    }

    /// <summary>The config file of <c>alloy run FILE</c> (the first argument after <c>run</c> that is no flag).</summary>
    public static string? AlloyConfig(ComposeService alloy) =>
        alloy.Command.SkipWhile(a => a != "run").Skip(1).FirstOrDefault(a => !a.StartsWith('-'));

    private static bool IsRuleFile(StackFile file) => StackModel.TopKeys(file).Contains("groups");

    private static void AssignMimir(StackModel model)
    {
        var mimirFiles = In(model, "mimir", FileKind.Yaml).ToList();
        model.Mimir =
            Mounted(model, "mimir")
            ?? mimirFiles.FirstOrDefault(f =>
                StackModel
                    .TopKeys(f)
                    .Any(k =>
                        !MimirRuntimeKeys.Contains(k)
                        && k
                            is not (
                                "groups"
                                or "namespace"
                                or "route"
                                or "receivers"
                                or "global"
                                or "templates"
                                or "inhibit_rules"
                                or "alertmanager_config"
                                or "template_files"
                                or "time_intervals"
                                or "mute_time_intervals"
                            )
                    )
            );
        var service = model.Service("mimir");
        var composeDir = model.Compose is null
            ? model.StackDirectory
            : Path.GetDirectoryName(model.Compose.FullPath)!;
        // The host folder behind a container path of Mimir's config, else the stack's usual one.
        string Folder(string[] setting, string usual) =>
            model.Mimir?.Yaml.At(setting).Str() is { } container
            && service?.HostPath(container, composeDir) is { } host
                ? host
                : Path.Combine(model.StackDirectory, usual);
        model.RulesDirectory = Folder(
            ["ruler_storage", "local", "directory"],
            StackLayout.RulesFolder
        );
        model.AlertmanagerDirectory = Folder(
            ["alertmanager_storage", "local", "path"],
            StackLayout.AlertmanagerFolder
        );
        var rulesPrefix = model.Relative(model.RulesDirectory) + "/";
        var amPrefix = model.Relative(model.AlertmanagerDirectory) + "/";
        foreach (var file in mimirFiles.Where(f => f != model.Mimir))
        {
            if (file.Path.StartsWith(rulesPrefix, StringComparison.Ordinal))
            {
                var tenant = file.Path[rulesPrefix.Length..].Split('/')[0];
                model.RuleFiles.Add(new TenantFile(tenant, file));
            }
            else if (file.Path.StartsWith(amPrefix, StringComparison.Ordinal))
            {
                model.AlertmanagerConfigs.Add(
                    new TenantFile(Path.GetFileNameWithoutExtension(file.Path), file)
                );
            }
            else if (StackModel.TopKeys(file).All(MimirRuntimeKeys.Contains))
            {
                model.MimirRuntime.Add(file);
            }
        }
    }

    private static IEnumerable<StackFile> In(StackModel model, string component, FileKind kind) =>
        model.Files.Values.Where(f =>
            f.Kind == kind
            && f.Path.StartsWith(model.InStack($"config/{component}/"), StringComparison.Ordinal)
            && (f.Kind != FileKind.Yaml || f.Yaml is not null)
        );

    private static bool IsOnly(StackFile file, params string[] keys)
    {
        var top = StackModel.TopKeys(file);
        return top.Count > 0 && top.All(keys.Contains);
    }
}
