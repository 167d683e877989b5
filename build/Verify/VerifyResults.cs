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

    public static CheckResult Pass(string check, string tenant, TimeSpan latency, string detail) =>
        new(check, tenant, Outcome.Pass, latency, detail);

    public static CheckResult Fail(string check, string tenant, string detail) =>
        new(check, tenant, Outcome.Fail, null, detail);

    public static CheckResult Skip(string check, string tenant, string detail) =>
        new(check, tenant, Outcome.Skip, null, detail);

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

    /// <summary>The OTLP/HTTP path of the signal (<c>/v1/logs</c>...), appended to a receiver's base URL.</summary>
    public static string OtlpPath(this Signal signal) => "/v1/" + signal.Name();

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
