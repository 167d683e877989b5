using Build.Host;
using Build.Validation;
using Cake.Common.Diagnostics;

namespace Build.Tasks.Stack;

[TaskName(nameof(Validate))]
[TaskDescription(
    "Checks the stack's compose file and every component config before anything starts: parse, static reference checks, cross-file consistency, real checkers (--layers=1-3 or --static-only for the fast part, --strict fails on a skipped checker)."
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
            CheckerTimeout = TimeSpan.FromSeconds(
                context.Args.GetInt(ValidateArguments.CheckerTimeout, 60)
            ),
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
            "Validate: layers {0} ran; static layers took {1:F0} ms",
            string.Join(",", report.LayerTimes.Keys.Order()),
            staticTime
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
