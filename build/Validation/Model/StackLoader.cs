using System.Text.Json;
using System.Text.RegularExpressions;
using Build.Validation.River;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Build.Validation.Model;

/// <summary>Layer 1: finds every YAML, JSON and Alloy file of the stack, parses it, and assigns roles.</summary>
public static partial class StackLoader
{
    private static readonly HashSet<string> MimirRuntimeKeys =
    [
        "overrides",
        "multi_kv_config",
        "ingester_limits",
        "distributor_limits",
    ];

    public static StackModel Load(string root, string stackDirectory, ValidationReport report)
    {
        var model = new StackModel
        {
            Root = Path.GetFullPath(root),
            StackDirectory = Path.GetFullPath(stackDirectory),
        };
        if (!Directory.Exists(model.StackDirectory))
        {
            report.Error(
                model.Relative(model.StackDirectory),
                Position.Start,
                "stack folder not found: run from the repository root"
            );
            return model;
        }
        var files = new List<StackFile>();
        foreach (
            var full in Directory
                .EnumerateFiles(model.StackDirectory, "*", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
        )
        {
            var rel = model.Relative(full);
            var inner = Path.GetRelativePath(model.StackDirectory, full).Replace('\\', '/');
            // data/ is the engines' runtime state; hidden files are editor/tool state.
            if (
                inner.StartsWith("data/", StringComparison.Ordinal)
                || inner.Split('/').Any(part => part.StartsWith('.'))
            )
            {
                continue;
            }
            FileKind? kind = Path.GetExtension(full).ToLowerInvariant() switch
            {
                ".yaml" or ".yml" => FileKind.Yaml,
                ".json" => FileKind.Json,
                ".alloy" => FileKind.Alloy,
                _ => null,
            };
            if (kind is null)
            {
                continue;
            }
            files.Add(
                new StackFile
                {
                    Path = rel,
                    FullPath = full,
                    Kind = kind.Value,
                    Text = File.ReadAllText(full),
                }
            );
        }
        // Files parse independently: in parallel (a parser's first use is mostly JIT time).
        Parallel.ForEach(files, file => Parse(file, report));
        foreach (var file in files)
        {
            model.Files[file.Path] = file;
        }
        AssignRoles(model);
        return model;
    }

    public static void Parse(StackFile file, ValidationReport report)
    {
        switch (file.Kind)
        {
            case FileKind.Yaml:
                ParseYaml(file, report);
                break;
            case FileKind.Json:
                try
                {
                    file.Json = JsonDocument.Parse(file.Text);
                    file.Parsed = true;
                }
                catch (JsonException e)
                {
                    var at = new Position(
                        (int)(e.LineNumber ?? 0) + 1,
                        (int)(e.BytePositionInLine ?? 0) + 1
                    );
                    report.Error(
                        file.Path,
                        at,
                        $"JSON syntax: {JsonMessage().Replace(e.Message, "").TrimEnd('.', ' ')}"
                    );
                }
                break;
            case FileKind.Alloy:
                try
                {
                    file.Alloy = RiverParser.Parse(file.Text);
                    file.Parsed = true;
                }
                catch (RiverSyntaxException e)
                {
                    report.Error(file.Path, e.Position, $"Alloy syntax: {e.Message}");
                }
                break;
        }
    }

    private static void ParseYaml(StackFile file, ValidationReport report)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(file.Text));
            file.Yaml = stream.Documents.FirstOrDefault()?.RootNode;
            file.Parsed = true;
        }
        catch (YamlException e)
        {
            var inner = e.InnerException?.Message ?? YamlMessage().Replace(e.Message, "");
            var at = new Position((int)e.Start.Line, (int)e.Start.Column);
            var message =
                inner.Contains("same key", StringComparison.Ordinal)
                || inner.Contains("Duplicate key", StringComparison.Ordinal)
                    ? "duplicate key in mapping (strict YAML parsers of Loki, Mimir and Tempo refuse it)"
                    : inner;
            report.Error(file.Path, at, $"YAML syntax: {message}");
        }
    }

    private static void AssignRoles(StackModel model)
    {
        model.Compose =
            model.Files.GetValueOrDefault(model.InStack("docker-compose.yaml"))
            ?? model.Files.GetValueOrDefault(model.InStack("docker-compose.yml"));
        if (model.Compose?.Yaml is { } compose)
        {
            model.Services.AddRange(ComposeReader.Read(compose));
        }
        model.EnvFile = model.Files.GetValueOrDefault(model.InStack("env.yaml"));
        model.Env = EnvCatalog.Read(model.EnvFile);
        model.MetricsFile = model.Files.GetValueOrDefault(model.InStack("metrics.yaml"));
        model.Metrics = MetricsCatalog.Read(model.MetricsFile);

        foreach (var file in In(model, "loki", FileKind.Yaml))
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
        foreach (var file in In(model, "tempo", FileKind.Yaml))
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
        model.Alloy = In(model, "alloy", FileKind.Alloy).FirstOrDefault();
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

    private static void AssignMimir(StackModel model)
    {
        var mimirFiles = In(model, "mimir", FileKind.Yaml).ToList();
        model.Mimir = mimirFiles.FirstOrDefault(f =>
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
        model.RulesDirectory =
            Resolve(
                model.Mimir?.Yaml.At("ruler_storage", "local", "directory").Str(),
                service,
                composeDir
            ) ?? Path.Combine(model.StackDirectory, "config", "mimir", "rules");
        model.AlertmanagerDirectory =
            Resolve(
                model.Mimir?.Yaml.At("alertmanager_storage", "local", "path").Str(),
                service,
                composeDir
            ) ?? Path.Combine(model.StackDirectory, "config", "mimir", "alertmanager");
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

    private static string? Resolve(
        string? containerPath,
        ComposeService? service,
        string composeDir
    ) =>
        containerPath is null || service is null
            ? null
            : service.HostPath(containerPath, composeDir);

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

    [GeneratedRegex(@"\s*LineNumber:.*$|\s*Path:.*$", RegexOptions.Singleline)]
    private static partial Regex JsonMessage();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex YamlMessage();
}
