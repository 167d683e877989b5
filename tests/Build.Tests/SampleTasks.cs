using Build.Host;
using Cake.Common;
using Cake.Core;
using Cake.Core.IO;

namespace Build.Tests;

/// <summary>What the sample tasks did, in order. Tests using it are not run in parallel.</summary>
public static class Journal
{
    public static List<string> Entries { get; } = [];

    public static void Add(string entry)
    {
        lock (Entries)
        {
            Entries.Add(entry);
        }
    }
}

[TaskName(nameof(Restore))]
[TaskDescription("Sample: first step.")]
public sealed class Restore : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) => Journal.Add(nameof(Restore));
}

[TaskName(nameof(Compile))]
[TaskDescription("Sample: runs after Restore.")]
[IsDependentOn(typeof(Restore))]
public sealed class Compile : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        await Task.Yield();
        Journal.Add(nameof(Compile));
    }
}

[TaskName(nameof(Package))]
[TaskDescription("Sample: runs after Compile and Lint.")]
[IsDependentOn(typeof(Compile))]
[IsDependentOn(typeof(Lint))]
public sealed class Package : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) => Journal.Add(nameof(Package));
}

[TaskName(nameof(Lint))]
[TaskDescription("Sample: a second dependency of Package.")]
public sealed class Lint : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) => Journal.Add(nameof(Lint));
}

[TaskName(nameof(Gated))]
[TaskDescription("Sample: skipped unless --open is given.")]
[TaskArgument("open", "Let the task run.", Kind = ArgumentKind.Flag)]
public sealed class Gated : FrostingTask<BuildContext>
{
    public override bool ShouldRun(BuildContext context)
    {
        SkippedMessage = "pass --open to run it";
        return context.Args.Flag("open");
    }

    public override void Run(BuildContext context) => Journal.Add(nameof(Gated));
}

[TaskName(nameof(AfterGated))]
[TaskDescription("Sample: depends on a task that may be skipped.")]
[IsDependentOn(typeof(Gated))]
public sealed class AfterGated : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) => Journal.Add(nameof(AfterGated));
}

[TaskName(nameof(Broken))]
[TaskDescription("Sample: fails with a message for the user.")]
public sealed class Broken : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) =>
        throw new BuildException("the widget is missing: run ./build.sh --target=Widget");

    public override void OnError(Exception exception, BuildContext context) =>
        Journal.Add("OnError:" + exception.Message);

    public override void Finally(BuildContext context) => Journal.Add("Finally");
}

[TaskName(nameof(BadInput))]
[TaskDescription("Sample: rejects its argument from inside the task.")]
public sealed class BadInput : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) =>
        throw new UsageException("--services names an unknown service 'nope'.");
}

[TaskName(nameof(Crash))]
[TaskDescription("Sample: fails with an unexpected exception.")]
public sealed class Crash : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) =>
        throw new InvalidOperationException("bad state");
}

[TaskName(nameof(MissingFile))]
[TaskDescription("Sample: a file the task reads is missing (FileNotFoundException).")]
public sealed class MissingFile : FrostingTask<BuildContext>
{
    public const string Path = "/proc/no-such-sample-input.yaml";

    public override void Run(BuildContext context) => File.ReadAllText(Path);
}

[TaskName(nameof(Denied))]
[TaskDescription("Sample: a folder the task writes is not writable (UnauthorizedAccessException).")]
public sealed class Denied : FrostingTask<BuildContext>
{
    public const string Path = "/root-owned/data/loki";

    public override void Run(BuildContext context) =>
        throw new UnauthorizedAccessException($"Access to the path '{Path}' is denied.");
}

[TaskName(nameof(DiskError))]
[TaskDescription("Sample: a file operation fails (IOException).")]
public sealed class DiskError : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) =>
        throw new IOException("Too many levels of symbolic links : '/stack/loop'");
}

[TaskName(nameof(AfterBroken))]
[TaskDescription("Sample: depends on a failing task.")]
[IsDependentOn(typeof(Broken))]
public sealed class AfterBroken : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) => Journal.Add(nameof(AfterBroken));
}

[TaskName(nameof(Probe))]
[TaskDescription("Sample: records what the context says and runs a process through Cake.Common.")]
[TaskArgument("name", "A text recorded in the journal.")]
public sealed class Probe : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        Journal.Add($"env={context.DeployEnvironment.Slug()}");
        Journal.Add($"name={context.Args.Get("name")}");
        Journal.Add(
            $"root-has-global-json={File.Exists(context.Paths.Root.CombineWithFilePath("global.json").FullPath)}"
        );
        var exitCode = context.StartProcess(
            "/bin/sh",
            new ProcessSettings { Arguments = "-c \"exit 3\"" }
        );
        Journal.Add($"exit={exitCode}");
    }
}

[TaskName(nameof(Default))]
[TaskDescription("Sample default target.")]
public sealed class Default : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) => Journal.Add(nameof(Default));
}

[TaskName(nameof(Leaky))]
[TaskDescription("Sample: knows a secret, then writes it through the log and the console.")]
public sealed class Leaky : FrostingTask<BuildContext>
{
    public const string Secret = "s3cr3t-value-42";

    public override void Run(BuildContext context)
    {
        context.AddOutputFilter(text => text.Replace(Secret, "********", StringComparison.Ordinal));
        Cake.Common.Diagnostics.LoggingAliases.Information(context, "log: {0}", Secret);
        context.Console.WriteLine($"console: {Secret}");
        throw new BuildException($"failed with {Secret}");
    }
}

[TaskName(nameof(Picky))]
[TaskDescription("Sample: declares one argument of each kind.")]
[TaskArgument("mode", "An enumeration.", Values = ["fast", "slow"], Default = "fast")]
[TaskArgument(
    "count",
    "A number.",
    Kind = ArgumentKind.Number,
    Default = "2",
    Min = 1,
    Max = 5,
    Unit = "tries"
)]
[TaskArgument("items", "A list.", Kind = ArgumentKind.List, Values = ["a", "b"], Default = "all")]
[TaskArgument("loud", "A switch.", Kind = ArgumentKind.Flag)]
[IsDependentOn(typeof(Restore))]
public sealed class Picky : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) =>
        Journal.Add(
            $"mode={context.Args.Get("mode")} count={context.Args.GetInt("count")} items={string.Join("+", context.Args.GetList("items"))} loud={context.Args.Flag("loud")}"
        );
}

[TaskName(nameof(Sneaky))]
[TaskDescription("Sample: reads an argument it does not declare (a programming error).")]
[TaskArgument("declared", "The one it declares.")]
public sealed class Sneaky : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) =>
        Journal.Add($"open={context.Args.Get("open")}");
}

/// <summary>A context defined by the app (here: the test), not by the host: state as a plain property.</summary>
[TaskArgument(
    "step",
    "How much each counted task adds.",
    Kind = ArgumentKind.Number,
    Default = "1",
    Min = 1,
    Max = 9
)]
public sealed class SampleContext(ICakeContext context) : FrostingContext(context)
{
    public int Count { get; set; }
}

[TaskName(nameof(Counted))]
[TaskDescription("Sample: adds --step to the context's count.")]
public sealed class Counted : FrostingTask<SampleContext>
{
    public override void Run(SampleContext context)
    {
        context.Count += context.Args.GetInt("step");
        Journal.Add($"Counted={context.Count}");
    }
}

[TaskName(nameof(AfterCounted))]
[TaskDescription("Sample: sees the count Counted left in the same context, adds --step again.")]
[IsDependentOn(typeof(Counted))]
public sealed class AfterCounted : FrostingTask<SampleContext>
{
    public override void Run(SampleContext context)
    {
        context.Count += context.Args.GetInt("step");
        Journal.Add($"AfterCounted={context.Count}");
    }
}

public sealed class SampleLifetime : FrostingLifetime<BuildContext>
{
    public override void Setup(BuildContext context, ISetupContext info) =>
        Journal.Add($"Setup:{info.TargetTask.Name}:{context.DeployEnvironment.Slug()}");

    public override void Teardown(BuildContext context, ITeardownContext info) =>
        Journal.Add($"Teardown:{info.Successful}");
}

public sealed class SampleTaskLifetime : FrostingTaskLifetime<BuildContext>
{
    public override void Setup(BuildContext context, ITaskSetupContext info) =>
        Journal.Add($"Before:{info.Task.Name}");

    public override void Teardown(BuildContext context, ITaskTeardownContext info) =>
        Journal.Add($"After:{info.Task.Name}");
}
