using Build.Host;
using Build.Rules;
using Build.Rules.Report;
using Build.Stack;
using Cake.Common.Diagnostics;

namespace Build.Tasks.Rules;

[TaskName(nameof(TestRules))]
[TaskDescription(
    "Checks and unit-tests the Mimir alert rules of every tenant (mimirtool rules check/lint, promtool check/test rules); --promtool=PATH and --mimirtool=PATH pick the tools, --strict fails on a skipped tool, --junit=PATH writes JUnit XML."
)]
[TaskArgument(
    RulesArguments.Promtool,
    "Path of the promtool binary.",
    Default = "PATH, else Docker"
)]
[TaskArgument(
    RulesArguments.Mimirtool,
    "Path of the mimirtool binary.",
    Default = "PATH, else Docker"
)]
[TaskArgument(RulesArguments.Junit, "Write a JUnit XML report to this file.")]
[TaskArgument(RulesArguments.Strict, "A skipped tool fails the run.", Kind = ArgumentKind.Flag)]
[TaskArgument(
    RulesArguments.RulesDir,
    "Folder with one sub-folder of rule files per tenant.",
    Default = "stack/" + StackLayout.RulesFolder
)]
[TaskArgument(
    RulesArguments.RuleTestsDir,
    "Folder with one sub-folder of promtool test files per tenant.",
    Default = "tests/rules"
)]
public sealed class TestRules : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var options = new RuleTestOptions(
            context.Paths.Root.FullPath,
            context.PathArgument(RulesArguments.RulesDir)
                ?? context.Paths.Stack.Combine(StackLayout.RulesFolder).FullPath,
            context.PathArgument(RulesArguments.RuleTestsDir)
                ?? context.Paths.Tests.Combine("rules").FullPath,
            context.Args.Get(RulesArguments.Promtool),
            context.Args.Get(RulesArguments.Mimirtool),
            Environment.GetEnvironmentVariable("PATH")
        );

        var report = RuleTestRun.Run(options);
        foreach (var line in ReportPrinter.Lines(report))
        {
            if (line.IsFailure)
            {
                context.Error("{0}", line.Text);
            }
            else
            {
                context.Information("{0}", line.Text);
            }
        }

        if (context.Environment.GetEnvironmentVariable("GITHUB_ACTIONS") == "true")
        {
            foreach (var annotation in GitHubAnnotations.Errors(report))
            {
                context.Console.WriteLine(annotation);
            }
        }

        if (context.PathArgument(RulesArguments.Junit) is { } path)
        {
            JUnitWriter.Write(report, path);
            context.Information("JUnit report: {0}", path);
        }

        if (report.Verdict(context.Args.Flag(RulesArguments.Strict)) is { } failure)
        {
            throw new BuildException(failure);
        }
    }
}
