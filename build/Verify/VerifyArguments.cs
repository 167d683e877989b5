namespace Build.Verify;

/// <summary>Arguments of the Verify target (and <c>Up --verify</c>).</summary>
public static class VerifyArguments
{
    /// <summary>Only these tenants (<c>--tenants=a,b</c>); default: every tenant of stack/env.yaml.</summary>
    public const string Tenants = "tenants";

    /// <summary>
    /// Seconds Verify waits for everything to show up (declared on VerifyRun: default 120, because rules are
    /// evaluated every minute and span metrics every 15 s, so two minutes covers both).
    /// </summary>
    public const string Deadline = "deadline";

    public const string DefaultDeadlineSeconds = "120";

    /// <summary>Send to each backend's own OTLP receiver with X-Scope-OrgID instead of through Alloy.</summary>
    public const string Direct = "direct";

    public const string AlloyUrl = "alloy-url";
    public const string LokiUrl = "loki-url";
    public const string MimirUrl = "mimir-url";
    public const string TempoUrl = "tempo-url";
    public const string GrafanaUrl = "grafana-url";
    public const string OtlpLogsUrl = "otlp-logs-url";
    public const string OtlpMetricsUrl = "otlp-metrics-url";
    public const string OtlpTracesUrl = "otlp-traces-url";

    /// <summary>Up runs Verify as its last step.</summary>
    public const string UpVerify = "verify";

    /// <summary>Grafana's admin login when it cannot be read from the running container (tests, remote Grafana).</summary>
    public const string GrafanaUserVariable = "GRAFANA_ADMIN_USER";

    public const string GrafanaPasswordVariable = "GRAFANA_ADMIN_PASSWORD";
}
