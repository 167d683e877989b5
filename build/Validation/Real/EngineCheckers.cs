using Build.Validation.Checks;
using Build.Validation.Model;

namespace Build.Validation.Real;

/// <summary>Each engine's own config check, run in its pinned image when Docker runs and the image is present locally.</summary>
public static class EngineCheckers
{
    private sealed record Engine(
        string Service,
        string Checker,
        Func<ComposeService, string[]> Args,
        string? Entrypoint = null
    );

    private static readonly Engine[] Engines =
    [
        new("loki", "loki -verify-config", s => [.. ConfigFlags(s), "-verify-config"]),
        new("mimir", "mimir -modules", s => [.. ConfigFlags(s), "-modules"]),
        new("tempo", "tempo -config.verify", s => [.. ConfigFlags(s), "-config.verify"]),
        new(
            "alloy",
            "alloy validate",
            s =>
                [
                    "validate",
                    s.Command.SkipWhile(a => a != "run").Skip(1).FirstOrDefault()
                        ?? "/etc/alloy/config.alloy",
                ]
        ),
    ];

    public static void Run(StackModel model, ValidationOptions options, ValidationReport report)
    {
        var docker = ProcessRunner.Find("docker");
        var engineUp =
            docker is not null
            && ProcessRunner
                .Run(docker, ["info", "--format", "{{.ServerVersion}}"], TimeSpan.FromSeconds(10))
                .Ok;
        var composeDir = Path.GetDirectoryName(model.Compose?.FullPath ?? model.StackDirectory)!;
        foreach (var engine in Engines)
        {
            if (model.Service(engine.Service) is not { } service || service.Image is null)
            {
                continue;
            }
            var image = Interpolation.Expand(service.Image, model.Env);
            if (!engineUp)
            {
                report.Skip(
                    engine.Checker,
                    docker is null
                        ? "no docker client installed"
                        : "no Docker engine reachable (start dockerd)"
                );
                continue;
            }
            if (
                !ProcessRunner
                    .Run(docker!, ["image", "inspect", image], TimeSpan.FromSeconds(20))
                    .Ok
            )
            {
                report.Skip(
                    engine.Checker,
                    $"image {image} is not present locally and cannot be pulled here (docker pull {image} where a registry is reachable)"
                );
                continue;
            }
            var args = new List<string> { "run", "--rm", "--network", "none" };
            // Configuration mounts only, read-only: the engines' data folders are not touched.
            var dataDir = Path.Combine(model.StackDirectory, "data");
            foreach (var volume in service.Volumes.Where(v => v.IsBind))
            {
                var source = Path.GetFullPath(
                    Path.Combine(composeDir, Interpolation.Expand(volume.Source, model.Env))
                );
                if (
                    source == dataDir
                    || source.StartsWith(
                        dataDir + Path.DirectorySeparatorChar,
                        StringComparison.Ordinal
                    )
                )
                {
                    continue;
                }
                args.AddRange(["-v", $"{source}:{volume.Target}:ro"]);
            }
            foreach (var (name, value) in model.Env.CheckerEnvironment())
            {
                args.AddRange(["-e", $"{name}={value}"]);
            }
            args.Add(image);
            args.AddRange(engine.Args(service));
            var result = ProcessRunner.Run(docker!, args, options.CheckerTimeout);
            if (!result.Ok)
            {
                report.Error(
                    model.Compose!.Path,
                    service.Pos,
                    $"{engine.Checker} ({image}): {RealCheckers.Summarize(result.Output)}"
                );
            }
        }
    }

    private static IEnumerable<string> ConfigFlags(ComposeService service) =>
        service.Command.Where(a => a.StartsWith("-config.", StringComparison.Ordinal));
}
