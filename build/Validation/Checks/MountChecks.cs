using Build.Validation.Model;

namespace Build.Validation.Checks;

/// <summary>Layer 3: the files that compose flags and configs name inside the containers are mounted and exist.</summary>
public sealed class MountChecks(StackModel model, ValidationReport report, string composeDir)
{
    public static void Run(StackModel model, ValidationReport report)
    {
        if (model.Compose?.Yaml is not null)
        {
            new MountChecks(model, report, Path.GetDirectoryName(model.Compose.FullPath)!).Run();
        }
    }

    private void Run()
    {
        var compose = model.Compose!.Path;
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
                report.Error(compose, Position.Start, $"compose file has no '{service}' service");
            }
            else if (s.Flag("config.file") is not { } flag)
            {
                report.Error(compose, s.Pos, $"service {service} has no -config.file= argument");
            }
            else
            {
                RequireFile(compose, s.Pos, s, flag, $"{service} -config.file", validated);
            }
        }
        if (model.Service("alloy") is { } alloy)
        {
            if (StackRoles.AlloyConfig(alloy) is not { } config)
            {
                report.Error(
                    compose,
                    alloy.Pos,
                    "service alloy: command must be 'run <config file> ...'"
                );
            }
            else
            {
                RequireFile(compose, alloy.Pos, alloy, config, "alloy run", model.Alloy);
            }
            var listen = alloy.Flag("server.http.listen-addr");
            if (listen is null || TempoChecks.IsLoopback(listen))
            {
                report.Error(
                    compose,
                    alloy.Pos,
                    "service alloy: pass --server.http.listen-addr=0.0.0.0:12345 (Alloy's UI and /metrics bind 127.0.0.1 by default, unreachable from the host and the scrape)"
                );
            }
        }
        Inner("loki", model.Loki, "runtime_config", "file");
        Inner("mimir", model.Mimir, "runtime_config", "file");
        Inner("mimir", model.Mimir, "alertmanager", "fallback_config_file");
        Inner("tempo", model.Tempo, "overrides", "per_tenant_override_config");
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

    /// <summary>The files a config setting names (comma-separated) exist inside the service's mounts.</summary>
    private void Inner(string service, StackFile? config, params string[] keyPath)
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
            RequireFile(config.Path, node.Pos(), s, container, string.Join('.', keyPath), null);
        }
    }

    private void RequireFile(
        string path,
        Position at,
        ComposeService service,
        string container,
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
