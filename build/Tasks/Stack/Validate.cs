using Build.Host;
using Build.Stack;
using Build.Validation;
using Cake.Common.Diagnostics;

namespace Build.Tasks.Stack;

[TaskName(nameof(Validate))]
[TaskDescription(
    "Checks the stack's compose file and every component config before anything starts: parse, static reference checks, cross-file consistency, real checkers with the engines' own checks (--layers=1-3 or --static-only for the fast part, --strict fails on a skipped checker, --loki/--mimir/--tempo/--alloy=PATH run an engine binary, --amtool=PATH picks amtool, --offline never pulls an image)."
)]
[TaskArgument(
    ValidateArguments.Layers,
    "Which layers run: 1 parse, 2 static, 3 cross-file, 4 real checkers (e.g. 1-3).",
    Default = "1-4"
)]
[TaskArgument(ValidateArguments.StaticOnly, "Same as --layers=1-3.", Kind = ArgumentKind.Flag)]
[TaskArgument(
    ValidateArguments.Strict,
    "A checker that cannot run is an error.",
    Kind = ArgumentKind.Flag
)]
[TaskArgument(
    ValidateArguments.CheckerTimeout,
    "Upper bound for each real checker.",
    Kind = ArgumentKind.Number,
    Default = "60",
    Min = 1,
    Max = 3600,
    Unit = "seconds"
)]
[TaskArgument(
    ValidateArguments.StackDir,
    "Validate another copy of the stack folder.",
    Default = "stack"
)]
[TaskArgument(
    ValidateArguments.Offline,
    "Never pull a missing engine image (its check is skipped; an error with --strict).",
    Kind = ArgumentKind.Flag
)]
[TaskArgument(
    ValidateArguments.Loki,
    "The loki binary to run natively.",
    Default = "PATH, then the pinned image"
)]
[TaskArgument(
    ValidateArguments.Mimir,
    "The mimir binary to run natively.",
    Default = "PATH, then the pinned image"
)]
[TaskArgument(
    ValidateArguments.Tempo,
    "The tempo binary to run natively.",
    Default = "PATH, then the pinned image"
)]
[TaskArgument(
    ValidateArguments.Alloy,
    "The alloy binary to run natively.",
    Default = "PATH, then the pinned image"
)]
[TaskArgument(
    ValidateArguments.Amtool,
    "The amtool binary for amtool check-config.",
    Default = "PATH, then a pinned prom/alertmanager image"
)]
public sealed class Validate : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var options = new ValidationOptions
        {
            Root = context.Paths.Root.FullPath,
            StackDirectory = StackDirectory(context),
            Layers = Layers(context),
            Strict = context.Args.Flag(ValidateArguments.Strict),
            CheckerTimeout = TimeSpan.FromSeconds(
                context.Args.GetInt(ValidateArguments.CheckerTimeout)
            ),
            EnginePaths = ValidateArguments
                .ToolPaths.Where(e => context.PathArgument(e) is not null)
                .ToDictionary(e => e, e => context.PathArgument(e)!),
            Offline = context.Args.Flag(ValidateArguments.Offline),
        };
        var report = StackValidator.Run(options);
        foreach (var line in report.Lines())
        {
            context.Information("{0}", line);
        }
        var staticTime = report
            .LayerTimes.Where(t => t.Key <= 3)
            .Sum(t => t.Value.TotalMilliseconds);
        context.Information(
            "{0}",
            $"Validate: layers {string.Join(",", report.LayerTimes.Keys.Order())} ran; static layers took {staticTime:F0} ms"
        );
        if (report.LayerTimes.TryGetValue(4, out var real))
        {
            context.Verbose("Validate: real checkers took {0:F0} ms", real.TotalMilliseconds);
        }
        context.Information("{0}", report.Summary());
        if (report.HasErrors)
        {
            throw new BuildException($"{report.Summary()}: fix the errors above (path:line:col)");
        }
    }

    /// <summary>The <c>--stack-dir</c> folder: one usage line when it is not a stack folder.</summary>
    private static string? StackDirectory(BuildContext context)
    {
        if (context.Args.Get(ValidateArguments.StackDir) is not { Length: > 0 } dir)
        {
            return null;
        }
        var full = Path.GetFullPath(dir, context.Paths.Root.FullPath);
        if (!Directory.Exists(full))
        {
            throw new UsageException(
                $"--{ValidateArguments.StackDir}={dir}: the folder does not exist; point it at a folder holding docker-compose.yaml."
            );
        }
        if (StackLayout.FindCompose(full) is null)
        {
            throw new UsageException(
                $"--{ValidateArguments.StackDir}={dir}: no docker-compose.yaml in that folder; point it at the stack folder (the one holding docker-compose.yaml)."
            );
        }
        return full;
    }

    private static IReadOnlySet<int> Layers(BuildContext context)
    {
        if (context.Args.Flag(ValidateArguments.StaticOnly))
        {
            return new HashSet<int> { 1, 2, 3 };
        }
        try
        {
            return ValidationOptions.ParseLayers(
                context.Args.Get(ValidateArguments.Layers) ?? "1-4"
            );
        }
        catch (FormatException e)
        {
            throw new UsageException($"--{ValidateArguments.Layers}: {e.Message}");
        }
    }
}
