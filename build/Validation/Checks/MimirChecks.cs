using Build.Validation.Model;
using Build.Validation.Reference;
using YamlDotNet.RepresentationModel;

namespace Build.Validation.Checks;

/// <summary>Layer 2 for Mimir 3: reference keys, listen port vs Alertmanager URLs, single-node replication, store layouts (listed in build/Validation/README.md, layer 2).</summary>
public static class MimirChecks
{
    public const int DefaultHttpPort = 8080;

    public static int HttpPort(StackModel model) =>
        int.TryParse(model.Mimir?.Yaml.At("server", "http_listen_port").Str(), out var p)
            ? p
            : DefaultHttpPort;

    public static void Run(StackModel model, ValidationReport report)
    {
        if (
            EngineConfigChecks.Run(
                model,
                model.Mimir,
                MimirReference.Keys,
                model.MimirRuntime,
                MimirReference.Runtime,
                report
            )
            is not { } root
        )
        {
            return;
        }
        var file = model.Mimir!;
        if (root.Get("multitenancy_enabled").Bool() == false)
        {
            report.Error(
                file.Path,
                root.KeyNode("multitenancy_enabled")!.Pos(),
                "multitenancy_enabled: false makes Mimir ignore X-Scope-OrgID (tenant 'anonymous'): set it to true"
            );
        }
        var port = HttpPort(model);
        foreach (var setting in new[] { "ruler.alertmanager_url", "alertmanager.external_url" })
        {
            CheckUrlPort(file, root.At(setting.Split('.')), setting, port, report);
        }
        foreach (
            var (setting, error) in new[]
            {
                ("ingester.ring.replication_factor", true),
                ("store_gateway.sharding_ring.replication_factor", true),
                ("alertmanager.sharding_ring.replication_factor", false),
            }
        )
        {
            CheckReplication(file, root, setting, report, error);
        }
        CheckTarget(model, file, root, report);
        DirectoryPrefixChecks.Run(file, root, report);
        if (root.At("ruler_storage", "backend").Str() == "local")
        {
            RulerLayout(model, file, root, report);
        }
        if (root.At("alertmanager_storage", "backend").Str() == "local")
        {
            AlertmanagerLayout(model, file, root, report);
        }
    }

    private static void CheckUrlPort(
        StackFile file,
        YamlNode? node,
        string name,
        int port,
        ValidationReport report
    )
    {
        if (node.Str() is not { } url || url.Contains("${", StringComparison.Ordinal))
        {
            return;
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            report.Error(file.Path, node!.Pos(), $"{name} '{url}' is not a URL");
            return;
        }
        if (uri.Host is "localhost" or "127.0.0.1" or "mimir" && uri.Port != port)
        {
            report.Error(
                file.Path,
                node!.Pos(),
                $"{name} uses port {uri.Port} but Mimir listens on {port} (server.http_listen_port{(port == DefaultHttpPort ? " default" : "")})"
            );
        }
    }

    private static void CheckReplication(
        StackFile file,
        YamlNode root,
        string name,
        ValidationReport report,
        bool error
    )
    {
        var path = name.Split('.');
        var node = root.At(path);
        var value = node.Str();
        if (value == "1")
        {
            return;
        }
        var at = node?.Pos() ?? root.KeyNode(path[0])?.Pos() ?? Position.Start;
        var message = $"{name} is {value ?? "3 (default)"}: a single Mimir node needs 1";
        if (error)
        {
            report.Error(
                file.Path,
                at,
                message + " (writes or queries fail with too few replicas)"
            );
        }
        else
        {
            report.Warning(file.Path, at, message);
        }
    }

    private static void CheckTarget(
        StackModel model,
        StackFile file,
        YamlNode root,
        ValidationReport report
    )
    {
        if (model.Compose is not null && model.Compose.Yaml is null)
        {
            return; // the -target flag is in the compose file, which did not parse
        }
        var target = model.Service("mimir")?.Flag("target") ?? root.Get("target").Str() ?? "all";
        if (!target.Split(',').Contains("alertmanager"))
        {
            var at = root.KeyNode("target")?.Pos() ?? Position.Start;
            report.Error(
                model.Service("mimir")?.Flag("target") is null ? file.Path : model.Compose!.Path,
                at,
                $"Mimir target '{target}' has no Alertmanager ('all' does not include it): use -target=all,alertmanager"
            );
        }
    }

    private static void RulerLayout(
        StackModel model,
        StackFile file,
        YamlNode root,
        ValidationReport report
    )
    {
        var dir = model.RulesDirectory;
        var node = root.At("ruler_storage", "local", "directory");
        if (dir is null || model.FolderAt(dir) is not { } entries)
        {
            report.Error(
                file.Path,
                node?.Pos() ?? Position.Start,
                $"ruler_storage.local.directory {node.Str() ?? "(unset)"} is not a mounted folder of the stack"
            );
            return;
        }
        foreach (var entry in entries)
        {
            if (!entry.IsFolder)
            {
                report.Error(
                    model.Relative(entry.FullPath),
                    Position.Start,
                    "Mimir's local ruler store reads <directory>/<tenant>/<file>: a file directly in the rules folder is not loaded (move it into a tenant folder)"
                );
                continue;
            }
            foreach (var inner in model.FolderAt(entry.FullPath) ?? [])
            {
                if (inner.IsFolder)
                {
                    report.Warning(
                        model.Relative(inner.FullPath),
                        Position.Start,
                        "sub-folders of a tenant's rule folder are ignored by Mimir's local ruler store"
                    );
                }
                else if (Path.GetExtension(inner.FullPath) is not (".yaml" or ".yml"))
                {
                    report.Error(
                        model.Relative(inner.FullPath),
                        Position.Start,
                        "Mimir's local ruler store parses every file of a tenant folder as rules: this file would break the tenant's rules"
                    );
                }
            }
        }
    }

    private static void AlertmanagerLayout(
        StackModel model,
        StackFile file,
        YamlNode root,
        ValidationReport report
    )
    {
        var node = root.At("alertmanager_storage", "local", "path");
        if (
            model.AlertmanagerDirectory is null
            || model.FolderAt(model.AlertmanagerDirectory) is null
        )
        {
            report.Error(
                file.Path,
                node?.Pos() ?? Position.Start,
                $"alertmanager_storage.local.path {node.Str() ?? "(unset)"} is not a mounted folder of the stack"
            );
        }
    }
}
