namespace Build.Verify;

/// <summary>
/// Where Verify sends and reads. Through Alloy (default): OTLP to Alloy with the <c>tenant_id</c> header. Direct:
/// OTLP to each backend's own receiver with <c>X-Scope-OrgID</c>. A null URL means "not available": the checks
/// that need it fail (or, in direct mode, are skipped) saying which argument gives it.
/// </summary>
public sealed record VerifyEndpoints
{
    public bool Direct { get; init; }

    /// <summary>Alloy's OTLP receiver (informational: the OTLP URLs below are what is used).</summary>
    public Uri? Alloy { get; init; }
    public Uri? OtlpLogs { get; init; }
    public Uri? OtlpMetrics { get; init; }
    public Uri? OtlpTraces { get; init; }
    public Uri? Loki { get; init; }
    public Uri? Mimir { get; init; }
    public Uri? Tempo { get; init; }
    public Uri? Grafana { get; init; }

    public Uri? Otlp(Signal signal) =>
        signal switch
        {
            Signal.Logs => OtlpLogs,
            Signal.Metrics => OtlpMetrics,
            _ => OtlpTraces,
        };

    /// <summary>Where the signal is read back.</summary>
    public Uri? Reader(Signal signal) =>
        signal switch
        {
            Signal.Logs => Loki,
            Signal.Metrics => Mimir,
            _ => Tempo,
        };

    /// <summary>The tenant header of a send: <c>tenant_id</c> for Alloy, <c>X-Scope-OrgID</c> for a backend.</summary>
    public (string Name, string Value) TenantHeader(string tenant) =>
        (Direct ? VerifyHttp.TenantHeader : VerifyHttp.AlloyTenantHeader, tenant);

    public static string ReaderArgument(Signal signal) =>
        signal switch
        {
            Signal.Logs => VerifyArguments.LokiUrl,
            Signal.Metrics => VerifyArguments.MimirUrl,
            _ => VerifyArguments.TempoUrl,
        };
}
