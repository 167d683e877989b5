using Build.Host;
using Cake.Common;
using Cake.Common.Diagnostics;
using Cake.Core.IO;

namespace Build.Tasks.Core;

/// <summary>Arguments of the Format target.</summary>
public static class FormatArguments
{
    /// <summary>Rewrite the files instead of only checking them.</summary>
    public const string Fix = "fix";
}

[TaskName(nameof(Format))]
[TaskDescription(
    "Checks C# formatting with CSharpier (pinned in .config/dotnet-tools.json); --fix rewrites the files."
)]
[TaskArgument(
    FormatArguments.Fix,
    "Rewrite the files instead of only checking them.",
    Kind = ArgumentKind.Flag
)]
public sealed class Format : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        Dotnet(
            context,
            "tool restore",
            "dotnet tool restore failed: check your NuGet access, then run ./build.sh --target=Format again."
        );
        var fix = context.Args.Flag(FormatArguments.Fix);
        var exitCode = Dotnet(context, fix ? "csharpier format ." : "csharpier check .", null);
        if (exitCode != 0)
        {
            throw new BuildException(
                fix
                    ? "CSharpier could not format every file (see above)."
                    : "Some files are not formatted: run ./build.sh --target=Format --fix."
            );
        }
        context.Information(fix ? "Format: files formatted." : "Format: every file is formatted.");
    }

    private static int Dotnet(BuildContext context, string arguments, string? failure)
    {
        var exitCode = context.StartProcess(
            "dotnet",
            new ProcessSettings { Arguments = arguments, WorkingDirectory = context.Paths.Root }
        );
        if (exitCode != 0 && failure is not null)
        {
            throw new BuildException(failure);
        }
        return exitCode;
    }
}
