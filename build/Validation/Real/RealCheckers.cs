using Build.Docker;
using Build.Rules;
using Build.Tools;
using Build.Validation.Checks;
using Build.Validation.Model;
using Build.Validation.Reference;

namespace Build.Validation.Real;

/// <summary>
/// Layer 4: real checkers. docker compose / docker-compose <c>config -q</c>, <c>amtool check-config</c>,
/// <c>promtool check rules</c>, and each engine's own check when a Docker engine runs and the pinned image is
/// present locally. A checker that cannot run is reported as skipped (an error with --strict), never as passed.
/// </summary>
public static partial class RealCheckers
{
    public static void Run(StackModel model, ValidationOptions options, ValidationReport report)
    {
        var skipsBefore = report.Skipped.Count;
        ComposeConfig(model, options, report);
        Promtool(model, options, report);
        Amtool(model, options, report);
        EngineCheckers.Run(model, options, report);
        if (options.Strict)
        {
            foreach (var skip in report.Skipped.Skip(skipsBefore))
            {
                report.Error(
                    model.Compose?.Path ?? model.Prefix,
                    Position.Start,
                    $"{skip.Checker} could not run (--strict): {skip.Reason}"
                );
            }
        }
    }

    private static void ComposeConfig(
        StackModel model,
        ValidationOptions options,
        ValidationReport report
    )
    {
        if (model.Compose is null)
        {
            return;
        }
        // Found as Up finds it (v2 plugin, else docker-compose v1): one detection for the whole build.
        var compose = ComposeCli
            .TryDetectAsync(new CommandRunner(), "validate", model.Compose.FullPath, default)
            .GetAwaiter()
            .GetResult();
        if (compose is null)
        {
            report.Skip(
                "docker compose config",
                "neither `docker compose` nor `docker-compose` is installed (apt-get install docker-compose)"
            );
            return;
        }
        var checker =
            compose.Flavor == ComposeFlavor.V2 ? "docker compose config" : "docker-compose config";
        var result = CommandRunner.Run(
            compose.Command("config", "-q") with
            {
                Environment = model
                    .Env.CheckerEnvironment()
                    .ToDictionary(kv => kv.Key, kv => (string?)kv.Value),
                Timeout = options.CheckerTimeout,
            }
        );
        if (!result.Succeeded)
        {
            report.Error(
                model.Compose.Path,
                Position.Start,
                $"{checker}: {Summarize(result.Output)}"
            );
        }
    }

    private static void Promtool(
        StackModel model,
        ValidationOptions options,
        ValidationReport report
    ) =>
        // Found as TestRules finds it: PATH, then the pinned Prometheus image (rule files mounted at their path).
        CheckEach(
            model,
            options,
            report,
            RuleTool.Promtool,
            null,
            [.. model.RuleFiles.Select(r => r.File)],
            "check",
            "rules"
        );

    private static void Amtool(StackModel model, ValidationOptions options, ValidationReport report)
    {
        var files = model.AlertmanagerConfigs.Select(a => a.File).ToList();
        if (
            model.Mimir?.Yaml.At("alertmanager", "fallback_config_file").Str() is { } fallback
            && model
                .Service("mimir")
                ?.HostPath(
                    fallback,
                    Path.GetDirectoryName(model.Compose?.FullPath ?? model.StackDirectory)!
                )
                is { } host
            && model.FileAt(host) is { } fallbackFile
        )
        {
            files.Add(fallbackFile);
        }
        CheckEach(
            model,
            options,
            report,
            AmtoolIn(model),
            options.EnginePaths.GetValueOrDefault(ValidateArguments.Amtool),
            files,
            "check-config"
        );
    }

    /// <summary>
    /// <c>TOOL VERB... FILE</c> on each file, the tool found by the one resolver (path argument, PATH, pinned image
    /// with the stack folder mounted read-only); skipped with the resolver's reason when it cannot be found.
    /// </summary>
    private static void CheckEach(
        StackModel model,
        ValidationOptions options,
        ValidationReport report,
        ExternalTool tool,
        string? explicitPath,
        IReadOnlyList<StackFile> files,
        params string[] verb
    )
    {
        var checker = string.Join(' ', [tool.Name, .. verb]);
        if (files.Count == 0)
        {
            return;
        }
        var resolution = new ToolResolver(
            options.PathVariable,
            Mount.SamePath([model.StackDirectory]),
            options.Offline
        ).Resolve(tool, explicitPath);
        if (resolution.Tool is not { } resolved)
        {
            report.Skip(checker, resolution.MissingMessage);
            return;
        }
        foreach (var file in files)
        {
            var result = CommandRunner.Run(
                resolved.Executable,
                resolved.Arguments([.. verb, file.FullPath]),
                timeout: options.CheckerTimeout
            );
            if (!result.Succeeded)
            {
                report.Error(
                    file.Path,
                    Position.Start,
                    $"{checker}: {Summarize(result.Output.Replace(file.FullPath, file.Path, StringComparison.Ordinal))}"
                );
            }
        }
    }

    /// <summary>amtool, with the prom/alertmanager image the compose file pins (if any) as its Docker fallback.</summary>
    private static ExternalTool AmtoolIn(StackModel model)
    {
        var image = model
            .Services.Select(s => s.Image is null ? null : Interpolation.Expand(s.Image, model.Env))
            .FirstOrDefault(i =>
                i?.StartsWith("prom/alertmanager:", StringComparison.Ordinal) == true
            );
        return new ExternalTool(
            "amtool",
            ValidateArguments.Amtool,
            image,
            "/bin/amtool",
            "install amtool (Debian: apt-get install prometheus-alertmanager), or pass --amtool=PATH"
                + (image is null ? "" : $", or start Docker so {image} can run")
        );
    }

    /// <summary>The checker's output on one line, the informative part first.</summary>
    public static string Summarize(string output)
    {
        var lines = output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => CheckingPrefix().Replace(l, ""))
            .Where(l =>
                l.Length > 0
                && l != "FAILED:"
                && !l.StartsWith("SUCCESS", StringComparison.Ordinal)
                && !l.StartsWith("Checking ", StringComparison.Ordinal)
            )
            .ToList();
        var text = string.Join(" | ", lines);
        return text.Length > 400 ? text[..400] + "…"
            : text.Length == 0 ? "failed without output"
            : text;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^Checking \S+\s+")]
    private static partial System.Text.RegularExpressions.Regex CheckingPrefix();
}
