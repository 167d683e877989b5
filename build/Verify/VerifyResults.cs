namespace Build.Verify;

/// <summary>Where a check stands: still waiting, or its verdict. Only <see cref="Fail"/> makes Verify fail.</summary>
public enum Outcome
{
    Pending,
    Pass,
    Warn,
    Skip,
    Fail,
}

/// <summary>
/// One line of Verify's table. <paramref name="Detail"/> is one line; for a failure it names the hop that broke
/// and the fix to try. <paramref name="Latency"/> is the time from send to visible (signals) or to the verdict.
/// </summary>
public sealed record CheckResult(
    string Check,
    string Tenant,
    Outcome Outcome,
    TimeSpan? Latency,
    string Detail
)
{
    public static CheckResult Pending(string check, string tenant, string detail = "waiting") =>
        new(check, tenant, Outcome.Pending, null, detail);

    public string Key => Check + "/" + Tenant;
}

/// <summary>The three signals Verify sends, with the OTLP path each goes to.</summary>
public enum Signal
{
    Logs,
    Metrics,
    Traces,
}

public static class Signals
{
    public static readonly Signal[] All = [Signal.Logs, Signal.Metrics, Signal.Traces];

    /// <summary>The OTLP/HTTP path of the signal, appended to a receiver's base URL.</summary>
    public static string OtlpPath(this Signal signal) =>
        signal switch
        {
            Signal.Logs => "/v1/logs",
            Signal.Metrics => "/v1/metrics",
            _ => "/v1/traces",
        };

    /// <summary>Singular, for sentences ("the log record").</summary>
    public static string Item(this Signal signal) =>
        signal switch
        {
            Signal.Logs => "log record",
            Signal.Metrics => "metric sample",
            _ => "span",
        };

    public static string Name(this Signal signal) => signal.ToString().ToLowerInvariant();
}
