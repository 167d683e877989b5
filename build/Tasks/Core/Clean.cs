using Build.Host;
using Cake.Common.Diagnostics;
using Cake.Common.IO;
using Cake.Core.IO;

namespace Build.Tasks.Core;

[TaskName(nameof(Clean))]
[TaskDescription(
    "Deletes build outputs (bin/, obj/, .build/artifacts, .build/test-results); never the stack's data."
)]
public sealed class Clean : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var folders = new List<DirectoryPath>
        {
            context.Paths.Artifacts,
            context.Paths.TestResults,
        };
        foreach (
            var area in new[]
            {
                context.Paths.Build,
                context.Paths.Caro,
                context.Paths.Tests,
                context.Paths.Bench,
            }
        )
        {
            folders.AddRange(context.GetDirectories($"{area.FullPath}/**/bin"));
            folders.AddRange(context.GetDirectories($"{area.FullPath}/**/obj"));
        }
        var existing = folders.Where(context.DirectoryExists).Distinct().ToList();
        foreach (var folder in existing)
        {
            context.Verbose("Deleting {0}", folder);
            context.DeleteDirectory(
                folder,
                new DeleteDirectorySettings { Recursive = true, Force = true }
            );
        }
        context.Information("Clean: deleted {0} folder(s).", existing.Count);
    }
}
