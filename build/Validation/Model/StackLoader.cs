using System.Text.Json;
using System.Text.RegularExpressions;
using Build.Stack;
using Build.Validation.Checks;
using Build.Validation.River;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Build.Validation.Model;

/// <summary>
/// Layer 1: reads the files Validate knows about (the compose file, env.yaml, metrics.yaml, and the YAML, JSON
/// and Alloy files of config/ and of the compose bind mounts, never data/) through <see cref="StackReader"/>,
/// parses them, and assigns roles.
/// </summary>
public static partial class StackLoader
{
    public static StackModel Load(string root, string stackDirectory, ValidationReport report)
    {
        var model = new StackModel
        {
            Root = Path.GetFullPath(root),
            StackDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(stackDirectory)),
        };
        if (!Directory.Exists(model.StackDirectory))
        {
            report.Error(
                model.Relative(model.StackDirectory),
                Position.Start,
                $"the stack folder {model.StackDirectory} does not exist (--stack-dir names the folder holding docker-compose.yaml)"
            );
            model.Unreadable = true;
            return model;
        }
        var reader = new StackReader(model, report);
        var composePath = StackLayout.FindCompose(model.StackDirectory);
        var compose = composePath is null ? null : Read(reader, model, composePath);
        if (compose is null)
        {
            if (composePath is null)
            {
                report.Error(
                    model.Prefix,
                    Position.Start,
                    $"no docker-compose.yaml in the stack folder {model.StackDirectory}: is it the stack folder?"
                );
            }
            model.Unreadable = true;
            return model;
        }
        Parse(compose, report);
        if (compose.Yaml is { } composeRoot)
        {
            model.Services.AddRange(
                ComposeReader.Read(composeRoot, Path.GetDirectoryName(compose.FullPath)!)
            );
        }
        var files = new List<StackFile> { compose };
        foreach (var name in new[] { StackLayout.EnvFile, StackLayout.MetricsFile })
        {
            if (Read(reader, model, Path.Combine(model.StackDirectory, name)) is { } file)
            {
                files.Add(file);
            }
        }
        // Only what the engines read: the config/ folder and the compose bind mounts (never data/).
        var composeDir = Path.GetDirectoryName(compose.FullPath)!;
        var env = EnvironmentCatalog.Read(
            files.FirstOrDefault(f => f.Path == model.InStack(StackLayout.EnvFile))
        );
        var roots = model
            .Services.SelectMany(s => s.Volumes.Where(v => v.IsBind))
            .Select(v =>
                Path.GetFullPath(Path.Combine(composeDir, Interpolation.Expand(v.Source, env)))
            )
            .Prepend(Path.Combine(model.StackDirectory, StackLayout.Config));
        var seen = files.Select(f => f.FullPath).ToHashSet(StringComparer.Ordinal);
        foreach (var rootPath in roots)
        {
            var found = File.Exists(rootPath)
                ? new List<string> { rootPath }
                : reader.Files(rootPath).ToList();
            foreach (var full in found.Where(f => KindOf(f) is not null && seen.Add(f)))
            {
                if (Read(reader, model, full) is { } file)
                {
                    files.Add(file);
                }
            }
        }
        foreach (var (path, _) in model.Services.SelectMany(s => s.EnvFiles))
        {
            var full = Path.GetFullPath(Path.Combine(composeDir, Interpolation.Expand(path, env)));
            if (!model.EnvFileTexts.ContainsKey(full) && reader.ReadText(full) is { } text)
            {
                model.EnvFileTexts[full] = text;
            }
        }
        foreach (var (folder, entries) in reader.Folders)
        {
            model.Folders[folder] = entries;
        }
        // Files parse independently: in parallel (a parser's first use is mostly JIT time).
        Parallel.ForEach(files.Skip(1), file => Parse(file, report));
        foreach (var file in files)
        {
            model.Files[file.Path] = file;
        }
        StackRoles.Assign(model);
        return model;
    }

    private static FileKind? KindOf(string path) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".yaml" or ".yml" => FileKind.Yaml,
            ".json" => FileKind.Json,
            ".alloy" => FileKind.Alloy,
            _ => null,
        };

    private static StackFile? Read(StackReader reader, StackModel model, string full) =>
        KindOf(full) is { } kind && reader.ReadText(full) is { } text
            ? new StackFile
            {
                Path = model.Relative(full),
                FullPath = full,
                Kind = kind,
                Text = text,
            }
            : null;

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
        try
        {
            file.Yaml = BoundedYamlParser.ReadRoot(file.Text);
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

    [GeneratedRegex(@"\s*LineNumber:.*$|\s*Path:.*$", RegexOptions.Singleline)]
    private static partial Regex JsonMessage();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex YamlMessage();
}
