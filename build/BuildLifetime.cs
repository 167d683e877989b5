using Build.Host;
using Cake.Common.Diagnostics;
using Cake.Core;
using Cake.Core.Diagnostics;

namespace Build;

/// <summary>Runs once around the whole build.</summary>
public sealed class BuildLifetime : FrostingLifetime<BuildContext>
{
    public override void Setup(BuildContext context, ISetupContext info)
    {
        // GitHub Actions' "debug logging" re-run switches the build to diagnostic output.
        if (
            context.Log.Verbosity < Verbosity.Diagnostic
            && (IsTrue(context, "ACTIONS_STEP_DEBUG") || IsTrue(context, "ACTIONS_RUNNER_DEBUG"))
        )
        {
            context.Log.Verbosity = Verbosity.Diagnostic;
        }
        context.Verbose(
            "Target {0}, environment {1}, {2} task(s), repository {3}{4}",
            info.TargetTask.Name,
            context.DeployEnvironment.Slug(),
            info.TasksToExecute.Count,
            context.Paths.Root,
            context.IsCI ? ", CI" : ""
        );
    }

    private static bool IsTrue(BuildContext context, string variable) =>
        string.Equals(
            context.Environment.GetEnvironmentVariable(variable),
            "true",
            StringComparison.OrdinalIgnoreCase
        );
}

/// <summary>Runs around each task: a collapsible log group per task on GitHub Actions.</summary>
public sealed class TaskLifetime : FrostingTaskLifetime<BuildContext>
{
    public override void Setup(BuildContext context, ITaskSetupContext info)
    {
        if (IsGitHubActions(context))
        {
            context.Console.WriteLine($"::group::{info.Task.Name}");
        }
    }

    public override void Teardown(BuildContext context, ITaskTeardownContext info)
    {
        if (IsGitHubActions(context))
        {
            context.Console.WriteLine("::endgroup::");
        }
    }

    private static bool IsGitHubActions(BuildContext context) =>
        context.Environment.GetEnvironmentVariable("GITHUB_ACTIONS") == "true";
}
