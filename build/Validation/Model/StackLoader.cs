using System.Text.Json;
using System.Text.RegularExpressions;
using Build.Validation.River;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Build.Validation.Model;

/// <summary>Layer 1: finds every YAML, JSON and Alloy file of the stack, parses it, and assigns roles.</summary>
public static partial class StackLoader
{
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
        StackRoles.Assign(model);
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

    [GeneratedRegex(@"\s*LineNumber:.*$|\s*Path:.*$", RegexOptions.Singleline)]
    private static partial Regex JsonMessage();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex YamlMessage();
}
