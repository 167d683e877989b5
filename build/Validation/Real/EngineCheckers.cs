using Build.Stack;
using Build.Tools;
using Build.Validation.Checks;
using Build.Validation.Model;

namespace Build.Validation.Real;

/// <summary>
/// Each engine's own config check. The engine is found as TestRules finds its tools (<see cref="ToolResolver"/>):
/// <c>--loki=PATH</c> (and --mimir, --tempo, --alloy), then the binary on PATH, both run natively on a temporary
/// copy of the config (<see cref="NativeConfig"/>); then the pinned image through Docker, pulled when missing
/// unless --offline, with the config mounts read-only and no network. Alloy also gets its formatter's verdict.
/// </summary>
public static class EngineCheckers
{
    private sealed record Engine(
        string Service,
        string Entrypoint,
        string Checker,
        Func<ComposeService, string[]> Args
    );

    private static readonly Engine[] Engines =
    [
        new(
            "loki",
            "/usr/bin/loki",
            "loki -verify-config",
            s => [.. ConfigFlags(s), "-verify-config"]
        ),
        new("mimir", "/bin/mimir", "mimir -modules", s => [.. ConfigFlags(s), "-modules"]),
        // -config.verify takes a value: bare and last, it fails with "flag needs an argument".
        new(
            "tempo",
            "/tempo",
            "tempo -config.verify",
            s => [.. ConfigFlags(s), "-config.verify=true"]
        ),
        new("alloy", "/bin/alloy", "alloy validate", s => ["validate", AlloyConfig(s)]),
    ];

    public static void Run(StackModel model, ValidationOptions options, ValidationReport report)
    {
        var composeDir = Path.GetDirectoryName(model.Compose?.FullPath ?? model.StackDirectory)!;
        foreach (var engine in Engines)
        {
            if (model.Service(engine.Service) is not { } service || service.Image is null)
            {
                continue;
            }
            var image = Interpolation.Expand(service.Image, model.Env);
            var environment = Environment(model, service);
            var tool = new ExternalTool(
                engine.Service,
                engine.Service,
                image,
                engine.Entrypoint,
                $"put the {engine.Service} binary on PATH or pass --{engine.Service}=PATH, or start Docker where {image} can be pulled"
            );
            var resolution = new ToolResolver(
                options.PathVariable,
                ConfigMounts(model, service, composeDir),
                options.Offline,
                [.. environment.Keys]
            ).Resolve(tool, options.EnginePaths.GetValueOrDefault(engine.Service));
            if (resolution.Tool is not { } resolved)
            {
                report.Skip(engine.Checker, $"{engine.Service} {resolution.Reason}");
                if (engine.Service == "alloy")
                {
                    report.Skip("alloy fmt", $"alloy {resolution.Reason}");
                }
                continue;
            }
            using var native = resolved.IsNative
                ? NativeConfig.Create(model, service, composeDir)
                : null;
            string[] Mapped(string[] args) => native is null ? args : [.. args.Select(native.Map)];
            var result = CommandRunner.Run(
                resolved.Executable,
                resolved.Arguments(Mapped(engine.Args(service))),
                native?.Root,
                options.CheckerTimeout,
                environment
            );
            var where = resolved.IsNative ? resolved.Executable : image;
            if (!result.Succeeded)
            {
                report.Error(
                    model.Compose!.Path,
                    service.Pos,
                    $"{engine.Checker} ({where}): {RealCheckers.Summarize(native?.Unmap(result.Output, model.Relative) ?? result.Output)}"
                );
            }
            if (engine.Service == "alloy" && model.Alloy is { } alloy)
            {
                AlloyFormat(
                    alloy,
                    resolved,
                    Mapped(["fmt", AlloyConfig(service)]),
                    native,
                    options,
                    report
                );
            }
        }
    }

    /// <summary><c>alloy fmt FILE</c> prints the file in Alloy's own form: any difference is a finding at its first line.</summary>
    private static void AlloyFormat(
        StackFile alloy,
        ResolvedTool resolved,
        string[] args,
        NativeConfig? native,
        ValidationOptions options,
        ValidationReport report
    )
    {
        var result = CommandRunner.Run(
            resolved.Executable,
            resolved.Arguments(args),
            native?.Root,
            options.CheckerTimeout
        );
        if (!result.Succeeded)
        {
            report.Error(
                alloy.Path,
                Position.Start,
                $"alloy fmt: {RealCheckers.Summarize(result.Output)}"
            );
            return;
        }
        var want = result.StandardOutput.ReplaceLineEndings("\n").Split('\n');
        var have = alloy.Text.ReplaceLineEndings("\n").Split('\n');
        var line = Enumerable
            .Range(0, Math.Max(want.Length, have.Length))
            .FirstOrDefault(i => want.ElementAtOrDefault(i) != have.ElementAtOrDefault(i), -1);
        if (line >= 0)
        {
            report.Error(
                alloy.Path,
                new Position(line + 1, 1),
                $"not in `alloy fmt` form from here on (run `alloy fmt --write {alloy.Path}`): `alloy fmt` writes {Quote(want.ElementAtOrDefault(line))}"
            );
        }
    }

    private static string Quote(string? line) =>
        line is null
            ? "the end of the file"
            : $"'{line.Replace("\t", "\\t", StringComparison.Ordinal)}'";

    /// <summary>Catalog defaults, dummy secrets and the service's env_file variables, for the engine process only.</summary>
    private static Dictionary<string, string> Environment(StackModel model, ComposeService service)
    {
        var environment = model.Env.CheckerEnvironment();
        foreach (var (name, value) in Interpolation.EnvFileVariables(model, service))
        {
            environment[name] = value;
        }
        return environment;
    }

    /// <summary>The service's bind mounts except data/: the engines' state is never touched.</summary>
    private static List<Mount> ConfigMounts(
        StackModel model,
        ComposeService service,
        string composeDir
    )
    {
        var dataDir = Path.Combine(model.StackDirectory, StackLayout.Data);
        var mounts = new List<Mount>();
        foreach (var volume in service.Volumes.Where(v => v.IsBind))
        {
            var source = Path.GetFullPath(
                Path.Combine(composeDir, Interpolation.Expand(volume.Source, model.Env))
            );
            if (
                source != dataDir
                && !source.StartsWith(
                    dataDir + Path.DirectorySeparatorChar,
                    StringComparison.Ordinal
                )
            )
            {
                mounts.Add(new Mount(source, volume.Target));
            }
        }
        return mounts;
    }

    private static string AlloyConfig(ComposeService service) =>
        service.Command.SkipWhile(a => a != "run").Skip(1).FirstOrDefault(a => !a.StartsWith('-'))
        ?? "/etc/alloy/config.alloy";

    private static IEnumerable<string> ConfigFlags(ComposeService service) =>
        service.Command.Where(a => a.StartsWith("-config.", StringComparison.Ordinal));
}
