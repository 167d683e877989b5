using Build.Validation.Model;

namespace Build.Validation.Checks;

/// <summary>Layer 3: the files that compose flags and configs name inside the containers are mounted and exist.</summary>
public static class MountChecks
{
    public static void Run(StackModel model, ValidationReport report)
    {
        if (model.Compose?.Yaml is null)
        {
            return;
        }
        var composeDir = Path.GetDirectoryName(model.Compose.FullPath)!;
        foreach (
            var (service, validated) in new[]
            {
                ("loki", model.Loki),
                ("mimir", model.Mimir),
                ("tempo", model.Tempo),
            }
        )
        {
            if (model.Service(service) is not { } s)
            {
                report.Error(
                    model.Compose.Path,
                    Position.Start,
                    $"compose file has no '{service}' service"
                );
                continue;
            }
            var flag = s.Flag("config.file");
            if (flag is null)
            {
                report.Error(
                    model.Compose.Path,
                    s.Pos,
                    $"service {service} has no -config.file= argument"
                );
                continue;
            }
            RequireFile(
                model,
                report,
                model.Compose.Path,
                s.Pos,
                s,
                flag,
                composeDir,
                $"{service} -config.file",
                validated
            );
        }
        if (model.Service("alloy") is { } alloy)
        {
            var config = alloy
                .Command.SkipWhile(a => a != "run")
                .Skip(1)
                .FirstOrDefault(a => !a.StartsWith('-'));
            if (config is null)
            {
                report.Error(
                    model.Compose.Path,
                    alloy.Pos,
                    "service alloy: command must be 'run <config file> ...'"
                );
            }
            else
            {
                RequireFile(
                    model,
                    report,
                    model.Compose.Path,
                    alloy.Pos,
                    alloy,
                    config,
                    composeDir,
                    "alloy run",
                    model.Alloy
                );
            }
            var listen = alloy.Flag("server.http.listen-addr");
            if (listen is null || TempoChecks.IsLoopback(listen))
            {
                report.Error(
                    model.Compose.Path,
                    alloy.Pos,
                    "service alloy: pass --server.http.listen-addr=0.0.0.0:12345 (Alloy's UI and /metrics bind 127.0.0.1 by default, unreachable from the host and the scrape)"
                );
            }
        }
        Inner(model, report, "loki", model.Loki, composeDir, ["runtime_config", "file"]);
        Inner(model, report, "mimir", model.Mimir, composeDir, ["runtime_config", "file"]);
        Inner(
            model,
            report,
            "mimir",
            model.Mimir,
            composeDir,
            ["alertmanager", "fallback_config_file"]
        );
        Inner(
            model,
            report,
            "tempo",
            model.Tempo,
            composeDir,
            ["overrides", "per_tenant_override_config"]
        );
        if (model.Service("grafana") is { } grafana)
        {
            foreach (var file in model.GrafanaProviders)
            {
                foreach (var provider in file.Yaml.Get("providers").Items())
                {
                    if (provider.At("options", "path") is { } path && path.Str() is { } container)
                    {
                        var host = grafana.HostPath(container, composeDir);
                        if (host is null || !Directory.Exists(host))
                        {
                            report.Error(
                                file.Path,
                                path.Pos(),
                                $"dashboards path {container} is not a mounted folder of the grafana service"
                            );
                        }
                    }
                }
            }
        }
    }

    private static void Inner(
        StackModel model,
        ValidationReport report,
        string service,
        StackFile? config,
        string composeDir,
        string[] keyPath
    )
    {
        if (config?.Yaml.At(keyPath) is not { } node || model.Service(service) is not { } s)
        {
            return;
        }
        foreach (
            var container in (node.Str() ?? "").Split(
                ',',
                StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries
            )
        )
        {
            RequireFile(
                model,
                report,
                config.Path,
                node.Pos(),
                s,
                container,
                composeDir,
                string.Join('.', keyPath),
                null
            );
        }
    }

    private static void RequireFile(
        StackModel model,
        ValidationReport report,
        string path,
        Position at,
        ComposeService service,
        string container,
        string composeDir,
        string what,
        StackFile? expected
    )
    {
        var host = service.HostPath(container, composeDir);
        if (host is null)
        {
            report.Error(
                path,
                at,
                $"{what} {container} is not inside any bind mount of the {service.Name} service"
            );
        }
        else if (!File.Exists(host))
        {
            report.Error(
                path,
                at,
                $"{what} {container} maps to {model.Relative(host)}, which does not exist"
            );
        }
        else if (expected is not null && Path.GetFullPath(host) != expected.FullPath)
        {
            report.Warning(
                path,
                at,
                $"{what} {container} is {model.Relative(host)}, but Validate checked {expected.Path} as the {service.Name} config"
            );
        }
    }
}
