using Build.Host;
using Build.Testing;
using Cake.Common.Diagnostics;
using Cake.Common.IO;
using Cake.Common.Tools.DotNet;
using Cake.Common.Tools.DotNet.Test;
using Cake.Core;
using Cake.Core.IO;

namespace Build.Tasks.Core;

[TaskName(nameof(Test))]
[TaskDescription(
    "Runs TestRules, then every test project under tests/; --project=A,B and --filter=EXPR narrow the projects."
)]
[IsDependentOn(typeof(Build.Tasks.Rules.TestRules))]
[TaskArgument(
    TestArguments.Project,
    "Only these test projects (e.g. Build.Tests), comma-separated.",
    Kind = ArgumentKind.List,
    Default = "all"
)]
[TaskArgument(TestArguments.Filter, "A dotnet test --filter expression passed to every project.")]
public sealed class Test : FrostingTask<BuildContext>, ICheckArguments<BuildContext>
{
    /// <summary>Unknown project names are refused before any task (TestRules included) runs.</summary>
    public IEnumerable<string> ArgumentProblems(BuildContext context)
    {
        var names = AllProjects(context)
            .Select(p => p.GetFilenameWithoutExtension().FullPath)
            .ToList();
        var unknown = context
            .Args.GetList(TestArguments.Project)
            .Where(w => Find(names, w) is null)
            .ToList();
        return unknown.Count > 0
            ? [$"Unknown test project '{unknown[0]}'. Valid: {string.Join(", ", names.Order())}."]
            : [];
    }

    public override void Run(BuildContext context)
    {
        var projects = SelectProjects(context);
        var results = context.Paths.TestResults;
        context.EnsureDirectoryExists(results);

        var total = TrxSummary.Empty;
        var failedProjects = new List<string>();
        foreach (var project in projects)
        {
            var name = project.GetFilenameWithoutExtension().FullPath;
            var trx = results.CombineWithFilePath($"{name}.trx");
            if (context.FileExists(trx))
            {
                context.DeleteFile(trx);
            }
            context.Information("==> {0}", name);
            try
            {
                context.DotNetTest(
                    project.FullPath,
                    new DotNetTestSettings
                    {
                        NoLogo = true,
                        Loggers =
                        [
                            $"trx;LogFileName={trx.GetFilename()}",
                            "console;verbosity=normal",
                        ],
                        ResultsDirectory = results,
                        Filter = context.Args.Get(TestArguments.Filter),
                    }
                );
            }
            catch (CakeException)
            {
                failedProjects.Add(name);
            }
            var summary = TrxSummary.Read(trx.FullPath);
            if (summary is null)
            {
                context.Error("{0}: no test results (did it build?)", name);
                failedProjects.Add(name);
                continue;
            }
            context.Information("{0}: {1}", name, summary);
            total += summary;
        }

        // One closing line in the form CI systems read.
        context.Console.WriteLine($"Test: {total}");
        var failed = failedProjects.Distinct().ToList();
        if (failed.Count > 0)
        {
            throw new BuildException(
                $"{failed.Count} of {projects.Count} test project(s) failed: {string.Join(", ", failed)}."
            );
        }
    }

    private static List<FilePath> SelectProjects(BuildContext context)
    {
        var all = AllProjects(context);
        var wanted = context.Args.GetList(TestArguments.Project);
        if (wanted.Count == 0)
        {
            return all;
        }
        // Every name is known: the host asked ArgumentProblems before any task ran.
        var byName = all.ToDictionary(
            p => p.GetFilenameWithoutExtension().FullPath,
            StringComparer.OrdinalIgnoreCase
        );
        return wanted.Select(w => byName[Find(byName.Keys, w)!]).Distinct().ToList();
    }

    /// <summary><c>--project=Verify</c> and <c>--project=Verify.Tests</c> both name tests/Verify.Tests.</summary>
    private static string? Find(IEnumerable<string> names, string wanted) =>
        names.FirstOrDefault(n =>
            n.Equals(wanted, StringComparison.OrdinalIgnoreCase)
            || n.Equals(wanted + ".Tests", StringComparison.OrdinalIgnoreCase)
        );

    private static List<FilePath> AllProjects(BuildContext context) =>
        context
            .GetFiles($"{context.Paths.Tests.FullPath}/*/*.Tests.csproj")
            .OrderBy(p => p.FullPath, StringComparer.Ordinal)
            .ToList();
}
