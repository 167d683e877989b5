using Spectre.Console;

namespace Build.Health;

/// <summary>
/// Shows WaitHealthy's progress: a Spectre.Console live table when the console is interactive, otherwise (CI,
/// redirected output, tests) one plain line per service when it is ready or fails.
/// </summary>
public static class HealthView
{
    public static bool IsInteractive(bool isCI) =>
        !isCI && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="wait"/> under a live table that redraws every 100 ms until it completes.</summary>
    public static async Task<T> LiveAsync<T>(
        IReadOnlyList<ReadinessTarget> targets,
        Func<Action<ServiceProgress>, Task<T>> wait
    )
    {
        var states = targets.ToDictionary(t => t.Service, t => (State: "waiting", Style: "grey"));
        var table = new Table()
            .Border(TableBorder.Rounded)
            .AddColumn("service")
            .AddColumn("readiness")
            .AddColumn("state");
        void Render()
        {
            table.Rows.Clear();
            foreach (var target in targets)
            {
                var (state, style) = states[target.Service];
                table.AddRow(
                    new Markup(Markup.Escape(target.Service)),
                    new Markup(Markup.Escape(target.ToString())),
                    new Markup($"[{style}]{Markup.Escape(state)}[/]")
                );
            }
        }
        Render();
        return await AnsiConsole
            .Live(table)
            .StartAsync(async context =>
            {
                var task = wait(progress =>
                {
                    lock (states)
                    {
                        states[progress.Target.Service] = (
                            progress.State,
                            progress.Result?.Outcome switch
                            {
                                ReadinessOutcome.Ready => "green",
                                null => "yellow",
                                _ => "red",
                            }
                        );
                    }
                });
                while (!task.IsCompleted)
                {
                    lock (states)
                    {
                        Render();
                    }
                    context.Refresh();
                    await Task.WhenAny(task, Task.Delay(100));
                }
                Render();
                context.Refresh();
                return await task;
            });
    }
}
