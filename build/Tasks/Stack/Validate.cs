using Build.Host;
using Build.Validation;
using Cake.Common.Diagnostics;

namespace Build.Tasks.Stack;

[TaskName(nameof(Validate))]
[TaskDescription(
    "Checks the stack's compose file and every component config before anything starts: parse, static reference checks, cross-file consistency, real checkers (--layers=1-3 or --static-only for the fast part, --strict fails on a skipped checker)."
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
public sealed class Validate : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var options = new ValidationOptions
        {
            Root = context.Paths.Root.FullPath,
            StackDirectory = context.Args.Get(ValidateArguments.StackDir) is { Length: > 0 } dir
                ? Path.GetFullPath(dir)
                : null,
            Layers = Layers(context),
            Strict = context.Args.Flag(ValidateArguments.Strict),
            CheckerTimeout = TimeSpan.FromSeconds(CheckerTimeout(context)),
        };
        var report = StackValidator.Run(options);
        foreach (var line in report.Lines())
        {
            context.Information(Plain(line));
        }
        var staticTime = report
            .LayerTimes.Where(t => t.Key <= 3)
            .Sum(t => t.Value.TotalMilliseconds);
        context.Information(
            Plain(
                $"Validate: layers {string.Join(",", report.LayerTimes.Keys.Order())} ran; static layers took {staticTime:F0} ms"
            )
        );
        if (report.LayerTimes.TryGetValue(4, out var real))
        {
            context.Verbose("Validate: real checkers took {0:F0} ms", real.TotalMilliseconds);
        }
        context.Information(Plain(report.Summary()));
        if (report.HasErrors)
        {
            throw new BuildException($"{report.Summary()}: fix the errors above (path:line:col)");
        }
    }

    /// <summary>Printed as is: no argument highlighting, braces (<c>${VAR}</c>) kept literally.</summary>
    private static string Plain(string text) =>
        text.Replace("{", "{{", StringComparison.Ordinal)
            .Replace("}", "}}", StringComparison.Ordinal);

    private static int CheckerTimeout(BuildContext context)
    {
        return context.Args.GetInt(ValidateArguments.CheckerTimeout);
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
