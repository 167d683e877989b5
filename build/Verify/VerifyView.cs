using Build.Lifecycle;
using Spectre.Console;

namespace Build.Verify;

/// <summary>
/// Verify's output: a Spectre.Console live table while it waits when the console is interactive (as WaitHealthy's),
/// otherwise one plain line per finished check; then the table (check, tenant, result, latency, detail).
/// </summary>
public static class VerifyView
{
    public static async Task<IReadOnlyList<CheckResult>> ShowAsync(
        StackSession session,
        Func<Action<CheckResult>, Task<IReadOnlyList<CheckResult>>> run
    )
    {
        var results = await LiveTable.RunAsync(
            session.Context,
            ["check", "tenant", "state", "latency"],
            r => r.Key,
            r =>
                [
                    Markup.Escape(r.Check),
                    Markup.Escape(r.Tenant),
                    $"[{Style(r.Outcome)}]{Markup.Escape(r.Outcome == Outcome.Pending ? r.Detail : Text(r.Outcome))}[/]",
                    Latency(r),
                ],
            [],
            result =>
            {
                if (result.Outcome != Outcome.Pending)
                {
                    session.Verbose(
                        $"{result.Check} {result.Tenant}: {Text(result.Outcome)} {Latency(result)}"
                    );
                }
            },
            run
        );
        foreach (var line in Table(results))
        {
            session.Info(line);
        }
        return results;
    }

    /// <summary>The final table as plain lines (no colour, for CI logs and tests).</summary>
    public static IEnumerable<string> Table(IEnumerable<CheckResult> results)
    {
        var table = new TextTable("CHECK", "TENANT", "RESULT", "LATENCY", "DETAIL");
        foreach (var r in results)
        {
            table.Add(r.Check, r.Tenant, Text(r.Outcome), Latency(r), r.Detail);
        }
        return table.Lines();
    }

    public static string Latency(CheckResult result) =>
        result.Latency is { } latency ? $"{latency.TotalSeconds:0.00} s" : "-";

    private static string Style(Outcome outcome) =>
        outcome switch
        {
            Outcome.Pass => "green",
            Outcome.Fail => "red",
            Outcome.Pending => "yellow",
            _ => "grey",
        };

    private static string Text(Outcome outcome) =>
        outcome switch
        {
            Outcome.Pass => "ok",
            Outcome.Warn => "warning",
            Outcome.Skip => "skipped",
            Outcome.Fail => "FAILED",
            _ => "waiting",
        };
}
