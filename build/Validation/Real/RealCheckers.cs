using Build.Rules;
using Build.Tools;
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
        var env = model.Env.CheckerEnvironment();
        var dir = Path.GetDirectoryName(model.Compose.FullPath)!;
        string[] baseArgs = ["-p", "validate", "-f", model.Compose.FullPath, "config", "-q"];
        var docker = ExecutableSearch.OnPath("docker");
        ProcessResult? result = null;
        var checker = "";
        if (
            docker is not null
            && ToolProcess
                .Run(docker, ["compose", "version"], timeout: TimeSpan.FromSeconds(10))
                .Succeeded
        )
        {
            checker = "docker compose config";
            result = ToolProcess.Run(
                docker,
                ["compose", .. baseArgs],
                dir,
                options.CheckerTimeout,
                env
            );
        }
        else if (ExecutableSearch.OnPath("docker-compose") is { } compose)
        {
            checker = "docker-compose config";
            result = ToolProcess.Run(compose, baseArgs, dir, options.CheckerTimeout, env);
        }
        if (result is null)
        {
            report.Skip(
                "docker compose config",
                "neither `docker compose` nor `docker-compose` is installed (apt-get install docker-compose)"
            );
            return;
        }
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
    )
    {
        if (model.RuleFiles.Count == 0)
        {
            return;
        }
        // Found as TestRules finds it: PATH, then the pinned Prometheus image (rule files mounted at their path).
        var resolution = new ToolResolver(
            options.PathVariable,
            Mount.SamePath([model.StackDirectory]),
            options.Offline
        ).Resolve(RuleTool.Promtool, null);
        if (resolution.Tool is not { } promtool)
        {
            report.Skip("promtool check rules", resolution.MissingMessage);
            return;
        }
        foreach (var rule in model.RuleFiles)
        {
            var result = ToolProcess.Run(
                promtool.Executable,
                promtool.Arguments("check", "rules", rule.File.FullPath),
                timeout: options.CheckerTimeout
            );
            if (!result.Succeeded)
            {
                report.Error(
                    rule.File.Path,
                    Position.Start,
                    $"promtool check rules: {Summarize(result.Output.Replace(rule.File.FullPath, rule.File.Path, StringComparison.Ordinal))}"
                );
            }
        }
    }

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
        if (files.Count == 0)
        {
            return;
        }
        if (ExecutableSearch.OnPath("amtool") is not { } amtool)
        {
            report.Skip(
                "amtool check-config",
                "amtool is not installed (apt-get install prometheus-alertmanager)"
            );
            return;
        }
        foreach (var file in files)
        {
            var result = ToolProcess.Run(
                amtool,
                ["check-config", file.FullPath],
                timeout: options.CheckerTimeout
            );
            if (!result.Succeeded)
            {
                report.Error(
                    file.Path,
                    Position.Start,
                    $"amtool check-config: {Summarize(result.Output.Replace(file.FullPath, file.Path, StringComparison.Ordinal))}"
                );
            }
        }
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
