using Cake.Core.Diagnostics;
using Spectre.Console;

namespace Build.Text;

/// <summary>
/// Work that reports rows while it runs (WaitHealthy's services, Verify's checks): under a Spectre.Console live
/// table when the console is interactive (not CI, output not redirected, verbosity normal or lower), redrawn until
/// the work completes; otherwise each report goes to <c>plain</c> (one line, for CI logs and tests).
/// </summary>
public static class LiveTable
{
    /// <param name="key">A row's identity: a later report of the same key replaces it in place.</param>
    /// <param name="cells">A row's cells, as Spectre markup.</param>
    public static async Task<T> RunAsync<T, TRow>(
        BuildContext context,
        string[] columns,
        Func<TRow, string> key,
        Func<TRow, string[]> cells,
        IEnumerable<TRow> initial,
        Action<TRow> plain,
        Func<Action<TRow>, Task<T>> work
    )
    {
        if (
            context.IsCI
            || Console.IsOutputRedirected
            || !AnsiConsole.Profile.Capabilities.Interactive
            || context.Log.Verbosity > Verbosity.Normal
        )
        {
            return await work(plain);
        }
        var rows = initial.ToDictionary(key, r => r, StringComparer.Ordinal);
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(column);
        }
        void Render()
        {
            lock (rows)
            {
                table.Rows.Clear();
                foreach (var row in rows.Values)
                {
                    table.AddRow(cells(row));
                }
            }
        }
        return await AnsiConsole
            .Live(table)
            .StartAsync(async live =>
            {
                var task = work(row =>
                {
                    lock (rows)
                    {
                        rows[key(row)] = row;
                    }
                });
                while (!task.IsCompleted)
                {
                    Render();
                    live.Refresh();
                    await Task.WhenAny(task, Task.Delay(100));
                }
                Render();
                live.Refresh();
                return await task;
            });
    }
}
