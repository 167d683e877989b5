using Build.Docker;
using Build.Health;
using Build.Host;
using Build.Validation.Model;
using Spectre.Console;

namespace Build.Lifecycle;

/// <summary>WaitHealthy's logic, shared by the WaitHealthy and Up targets.</summary>
[TaskArgument(
    LifecycleArguments.Timeout,
    "How long to wait for the services to be healthy.",
    Kind = ArgumentKind.Number,
    Default = "180",
    Min = 1,
    Max = 86_400, // one day: the longest deadline Polly's timeout strategy accepts
    Unit = "seconds"
)]
public static class StackHealth
{
    public const int LogLines = 30;

    /// <summary>Waits for <paramref name="services"/>; throws one line naming the services that are not ready.</summary>
    public static async Task WaitAsync(StackSession session, IReadOnlyList<ComposeService> services)
    {
        var context = session.Context;
        var timeout = context.Args.GetInt(LifecycleArguments.Timeout);
        var containers = await session.Docker.ProjectContainersAsync(
            session.Project,
            session.Cancellation
        );
        var targets = services.Select(s => ReadinessTargets.For(s, containers)).ToArray();
        foreach (var target in targets)
        {
            session.Verbose($"{target.Service}: waiting for {target}");
        }

        var poller = new ReadinessPoller(
            new ReadinessOptions { Deadline = TimeSpan.FromSeconds(timeout) }
        );
        var watch = new ContainerWatch(
            session.Docker,
            session.Project,
            TimeSpan.FromMilliseconds(500),
            LogLines
        );
        using var client = ReadinessPoller.CreateClient();
        var waiter = new HealthWaiter(poller, watch, client);

        var results = await LiveTable.RunAsync(
            context,
            ["service", "readiness", "state"],
            p => p.Target.Service,
            p =>
                [
                    Markup.Escape(p.Target.Service),
                    Markup.Escape(p.Target.ToString()),
                    $"[{Style(p)}]{Markup.Escape(p.State)}[/]",
                ],
            targets.Select(t => new ServiceProgress(t)),
            progress => Report(session, progress),
            onChange => waiter.WaitAllAsync(targets, onChange, session.Cancellation)
        );

        if (session.Cancellation.IsCancellationRequested)
        {
            throw new BuildException(
                "WaitHealthy cancelled (Ctrl+C); the containers keep running: --target=Down stops them."
            );
        }
        var failed = results.Where(r => r.Result?.Outcome != ReadinessOutcome.Ready).ToList();
        foreach (var failure in failed)
        {
            await PrintFailureAsync(session, failure);
        }
        if (failed.Count > 0)
        {
            throw new BuildException(
                session.Masker.Apply(
                    $"{failed.Count} of {results.Count} service(s) not ready: "
                        + string.Join(
                            "; ",
                            failed.Select(f => $"{f.Target.Service} ({f.Result?.Detail})")
                        )
                )
            );
        }
        session.Info($"WaitHealthy: {results.Count} service(s) ready.");
    }

    private static string Style(ServiceProgress progress) =>
        progress.Result?.Outcome switch
        {
            ReadinessOutcome.Ready => "green",
            null when progress.State == "waiting" => "grey",
            null => "yellow",
            _ => "red",
        };

    private static void Report(StackSession session, ServiceProgress progress)
    {
        if (progress.Result is null)
        {
            session.Verbose($"{progress.Target.Service}: {progress.State}");
        }
        else if (progress.Result.Outcome == ReadinessOutcome.Ready)
        {
            session.Info(
                $"{progress.Target.Service}: {progress.State} ({progress.Result.Attempts} attempt(s))"
            );
        }
    }

    private static async Task PrintFailureAsync(StackSession session, ServiceProgress progress)
    {
        session.Error($"{progress.Target.Service}: {progress.Result?.Detail}");
        if (progress.Failure?.State is { } state)
        {
            Print(session, state, progress.Failure.LastLogs);
            return;
        }
        if (progress.Result?.Outcome != ReadinessOutcome.TimedOut)
        {
            return;
        }
        // Not ready in time: what the container says is the best clue.
        var containers = await session.Docker.ProjectContainersAsync(
            session.Project,
            CancellationToken.None
        );
        foreach (var container in containers.Where(c => c.Service == progress.Target.Service))
        {
            Print(
                session,
                container,
                await session.Docker.TailLogsAsync(container.Id, LogLines, CancellationToken.None)
            );
        }
    }

    private static void Print(
        StackSession session,
        ContainerState state,
        IReadOnlyList<string> logs
    )
    {
        session.Error(
            $"  state {state.Status}, exit code {state.ExitCode}, restarts {state.RestartCount}, health {state.Health ?? "none"}"
        );
        session.Error($"  last {logs.Count} log line(s) of {state.Name}:");
        foreach (var line in logs)
        {
            session.Error("  | " + line);
        }
    }
}
