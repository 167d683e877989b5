using Build.Stack;
using Build.Validation.Model;
using Build.Validation.Reference;
using YamlDotNet.RepresentationModel;

namespace Build.Validation.Checks;

/// <summary>Layer 2 for the compose file: docker-compose 1.29 compatibility, dependencies, ports, images, healthchecks, mounts.</summary>
public static class ComposeChecks
{
    public const string BindVariable = "LGTM_BIND_ADDRESS";

    public static void Run(StackModel model, ValidationReport report)
    {
        if (model.Compose?.Yaml is not { } root)
        {
            if (model.Compose is not null)
            {
                return; // its parse error is reported
            }
            report.Error(
                model.InStack(StackLayout.ComposeFile),
                Position.Start,
                "compose file missing or unreadable: the stack needs stack/docker-compose.yaml"
            );
            return;
        }
        var file = model.Compose;
        foreach (var (key, _) in root.Entries())
        {
            var message = key.Value switch
            {
                "name" =>
                    "top-level 'name:' is rejected by docker-compose 1.29: remove it (the build passes the project name)",
                "include" => "top-level 'include:' is rejected by docker-compose 1.29",
                "configs" =>
                    "top-level 'configs:' is ignored by docker-compose 1.29: use bind mounts",
                _ => null,
            };
            if (message is not null)
            {
                report.Error(file.Path, key.Pos(), message);
            }
        }
        var composeDir = Path.GetDirectoryName(file.FullPath)!;
        foreach (var service in model.Services)
        {
            CheckCompatibility(file, service, report);
            CheckDependencies(model, file, service, report);
            CheckPorts(file, service, report);
            ComposeImageChecks.Run(model, file, service, report);
            CheckMounts(model, file, service, composeDir, report);
        }
    }

    private static void CheckCompatibility(
        StackFile file,
        ComposeService service,
        ValidationReport report
    )
    {
        foreach (var (key, _) in service.Node.Entries())
        {
            if (key.Value is "develop" or "configs")
            {
                report.Error(
                    file.Path,
                    key.Pos(),
                    $"service {service.Name}: '{key.Value}:' is not supported by docker-compose 1.29 (use bind mounts)"
                );
            }
        }
        if (service.Healthcheck.KeyNode("start_interval") is { } startInterval)
        {
            report.Error(
                file.Path,
                startInterval.Pos(),
                $"service {service.Name}: healthcheck 'start_interval' is rejected by docker-compose 1.29 and Docker 20.10"
            );
        }
    }

    private static void CheckDependencies(
        StackModel model,
        StackFile file,
        ComposeService service,
        ValidationReport report
    )
    {
        foreach (var (name, (condition, pos)) in service.DependsOn)
        {
            var target = model.Service(name);
            if (target is null)
            {
                report.Error(
                    file.Path,
                    pos,
                    $"service {service.Name} depends on unknown service '{name}'{EditDistance.Hint(name, model.Services.Select(s => s.Name))}"
                );
                continue;
            }
            var hasHealthcheck =
                target.Healthcheck is not null
                && target.Healthcheck.Get("disable").Bool() != true
                && target.Healthcheck.Get("test") is not null;
            if (condition == "service_healthy" && !hasHealthcheck)
            {
                report.Error(
                    file.Path,
                    pos,
                    $"service {service.Name} waits for '{name}' to be healthy, but {name} has no healthcheck (compose fails: \"has no healthcheck configured\")"
                );
            }
        }
    }

    private static void CheckPorts(StackFile file, ComposeService service, ValidationReport report)
    {
        foreach (var port in service.Ports)
        {
            if (
                port.HostIp is null
                || !port.HostIp.Contains("${" + BindVariable, StringComparison.Ordinal)
            )
            {
                report.Error(
                    file.Path,
                    port.Pos,
                    $"service {service.Name}: port '{port.Raw}' is not bound to ${{{BindVariable}:-127.0.0.1}} (it would listen on every interface)"
                );
            }
            else if (!port.HostIp.Contains(":-127.0.0.1}", StringComparison.Ordinal))
            {
                report.Warning(
                    file.Path,
                    port.Pos,
                    $"service {service.Name}: port '{port.Raw}' should default to 127.0.0.1 (${{{BindVariable}:-127.0.0.1}})"
                );
            }
            if (port.HostPort is { } host && !host.Contains("${", StringComparison.Ordinal))
            {
                report.Warning(
                    file.Path,
                    port.Pos,
                    $"service {service.Name}: host port {host} is hard-coded: use a port variable of stack/env.yaml"
                );
            }
            if (port.ContainerPort is null)
            {
                report.Error(
                    file.Path,
                    port.Pos,
                    $"service {service.Name}: container port of '{port.Raw}' is not a number"
                );
            }
        }
    }

    private static void CheckMounts(
        StackModel model,
        StackFile file,
        ComposeService service,
        string composeDir,
        ValidationReport report
    )
    {
        foreach (var volume in service.Volumes.Where(v => v.IsBind))
        {
            var source = Interpolation.Expand(volume.Source, model.Env);
            var rel = model.Relative(Path.GetFullPath(Path.Combine(composeDir, source)));
            if (
                rel.StartsWith(model.InStack(StackLayout.Data + "/"), StringComparison.Ordinal)
                || rel == model.InStack(StackLayout.Data)
            )
            {
                if (service.Node.Get("user") is null)
                {
                    report.Error(
                        file.Path,
                        volume.Pos,
                        $"service {service.Name} keeps data in {source} but declares no 'user:' (the build creates the folder with that owner)"
                    );
                }
                continue;
            }
            if (
                !File.Exists(Path.Combine(model.Root, rel))
                && !Directory.Exists(Path.Combine(model.Root, rel))
            )
            {
                report.Error(
                    file.Path,
                    volume.Pos,
                    $"service {service.Name} mounts {source}, which does not exist ({rel})"
                );
            }
        }
        foreach (var (path, pos) in service.EnvFiles)
        {
            var full = Path.GetFullPath(
                Path.Combine(composeDir, Interpolation.Expand(path, model.Env))
            );
            if (!File.Exists(full))
            {
                report.Error(
                    file.Path,
                    pos,
                    $"service {service.Name}: env_file {path} resolves to {model.Relative(full)}, which does not exist"
                );
            }
        }
    }
}
