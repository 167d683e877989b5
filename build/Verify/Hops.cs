namespace Build.Verify;

/// <summary>
/// The one-line failures of Verify, each naming the hop that broke (application → Alloy → backend → Grafana) and
/// the fix to try. Pure: the checks decide which applies, these say it.
/// </summary>
public static class Hops
{
    public static string Backend(Signal signal) =>
        signal switch
        {
            Signal.Logs => "Loki",
            Signal.Metrics => "Mimir",
            _ => "Tempo",
        };

    /// <summary>The first hop: to Alloy, or (direct) to the backend's own OTLP receiver.</summary>
    public static string Entry(Signal signal, bool direct) =>
        direct ? $"application → {Backend(signal)}" : "application → Alloy";

    public static string SendUnreachable(Signal signal, bool direct, Uri url, string error) =>
        direct
            ? $"{Entry(signal, true)}: {Backend(signal)}'s OTLP receiver at {url} did not answer ({error}): is {Backend(signal)} running, and is --otlp-{signal.Name()}-url= right?"
            : $"{Entry(signal, false)}: Alloy's OTLP receiver at {url} did not answer ({error}): check that Alloy runs (./build.sh --target=Ps) and its logs (--target=Logs --service=alloy).";

    public static string SendRefused(Signal signal, bool direct, int status, string answer) =>
        direct
            ? $"{Entry(signal, true)}: {Backend(signal)} refused the {signal.Item()} (HTTP {status}: {answer}): check the X-Scope-OrgID header and {Backend(signal)}'s per-tenant limits."
            : $"{Entry(signal, false)}: Alloy refused the {signal.Item()} (HTTP {status}: {answer}): check otelcol.receiver.otlp in stack/config/alloy/config.alloy.";

    public static string NeverVisible(Signal signal, bool direct, string tenant, TimeSpan waited) =>
        direct
            ? $"{Backend(signal)}: accepted the {signal.Item()} but never showed it under tenant {tenant} within {waited.TotalSeconds:0} s: check {Backend(signal)}'s logs for ingestion errors."
            : $"Alloy → {Backend(signal)}: Alloy accepted the {signal.Item()} but {Backend(signal)} never showed it under tenant {tenant} within {waited.TotalSeconds:0} s: check Alloy's exporter (--target=Logs --service=alloy; otelcol_exporter_send_failed_* in infra-monitoring).";

    public static string WrongTenant(Signal signal, bool direct, string tenant, string seenUnder) =>
        direct
            ? $"{Entry(signal, true)}: the {signal.Item()} sent for tenant {tenant} arrived under tenant {seenUnder}: the X-Scope-OrgID header sent is wrong."
            : $"Alloy → {Backend(signal)}: the {signal.Item()} sent for tenant {tenant} arrived under tenant {seenUnder}: Alloy lost or rewrote the tenant (otelcol.auth.headers and metadata_keys in stack/config/alloy/config.alloy).";

    public static string Leaked(Signal signal, string tenant, IReadOnlyList<string> others) =>
        $"{Backend(signal)} (isolation): the {signal.Item()} of tenant {tenant} is also visible under {string.Join(", ", others)}: tenants are not isolated (check multitenancy in {Backend(signal)}'s config and the tenant header).";

    public static string QueryFailed(string backend, Uri url, string error) =>
        $"{backend} (query): cannot read {url.GetLeftPart(UriPartial.Authority)} ({error}): is {backend} running (./build.sh --target=Ps), or pass --{backend.ToLowerInvariant()}-url=.";

    public static string NotConfigured(string backend, string argument) =>
        $"{backend}: no URL (the service does not run or publishes no port): start it with ./build.sh --target=Up, or pass --{argument}=.";

    public static string DatasourceWrongTenant(string datasource, string tenant, string sees) =>
        $"Grafana datasource {datasource} points at the wrong tenant: it should read tenant {tenant} (provisioning) but {sees}: check its X-Scope-OrgID header in stack/config/grafana/provisioning/datasources/.";
}
