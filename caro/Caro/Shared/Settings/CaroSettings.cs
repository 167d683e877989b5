using System.Globalization;

namespace Caro.Shared.Settings;

/// <summary>
/// Every setting Caro reads, with its default. Keys are environment-variable names (also accepted
/// through any other configuration source); caro/README.md documents each one.
/// </summary>
public sealed record CaroSettings
{
    public const string HttpPortKey = "CARO_HTTP_PORT";
    public const string ManagementPortKey = "CARO_MANAGEMENT_PORT";
    public const string BindAddressKey = "CARO_BIND_ADDRESS";
    public const string DbConnectionKey = "CARO_DB_CONNECTION";
    public const string DbConnectionFallbackKey = "ConnectionStrings:Caro";
    public const string DbServerVersionKey = "CARO_DB_SERVER_VERSION";
    public const string ObservatoryEnabledKey = "CARO_OBSERVATORY_ENABLED";
    public const string ObservatoryEnabledNestedKey = "Caro:Observatory:Enabled";
    public const string OpenApiEnabledKey = "CARO_OPENAPI_ENABLED";
    public const string DailyGoalKey = "CARO_DAILY_GOAL_CARDS";
    public const string IngestionDelayKey = "CARO_INGESTION_DELAY_MS";
    public const string IngestionQueueKey = "CARO_INGESTION_QUEUE_CAPACITY";
    public const string MaxBodyKey = "CARO_MAX_REQUEST_BODY_BYTES";
    public const string ShutdownTimeoutKey = "CARO_SHUTDOWN_TIMEOUT_SECONDS";
    public const string EnvironmentKey = "ENVIRONMENT";
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string TenantIdKey = "TENANT_ID";
    public const string TelemetryDisabledKey = "OTEL_SDK_DISABLED";
    public const string MetricExportIntervalKey = "OTEL_METRIC_EXPORT_INTERVAL";
    public const string ConsoleLogLevelKey = "CARO_CONSOLE_LOG_LEVEL";

    public const string ServiceName = "caro-demo";

    public int HttpPort { get; init; } = 8080;
    public int ManagementPort { get; init; } = 9090;
    public string BindAddress { get; init; } = "0.0.0.0";
    public string? DbConnection { get; init; }
    public string? DbServerVersion { get; init; }
    public bool ObservatoryEnabled { get; init; } = true;
    public bool OpenApiEnabled { get; init; } = true;
    public int DailyGoalCards { get; init; } = 20;
    public int IngestionDelayMs { get; init; } = 2000;
    public int IngestionQueueCapacity { get; init; } = 100;
    public long MaxRequestBodyBytes { get; init; } = 1024 * 1024;
    public int ShutdownTimeoutSeconds { get; init; } = 30;
    public string Environment { get; init; } = "development";
    public Uri OtlpEndpoint { get; init; } = new("http://localhost:4318");
    public string TenantId { get; init; } = "caro-backend-staging";
    public bool TelemetryDisabled { get; init; }
    public int MetricExportIntervalMs { get; init; } = 15000;
    public string ConsoleLogLevel { get; init; } = "Information";

    public bool IsProduction =>
        Environment.Equals("production", StringComparison.OrdinalIgnoreCase)
        || Environment.Equals("prod", StringComparison.OrdinalIgnoreCase);

    public bool IsDevelopment =>
        Environment.Equals("development", StringComparison.OrdinalIgnoreCase)
        || Environment.Equals("dev", StringComparison.OrdinalIgnoreCase)
        || Environment.Equals("local", StringComparison.OrdinalIgnoreCase);

    public bool UsesMySql => !string.IsNullOrWhiteSpace(DbConnection);

    /// <summary>Reads and validates the settings; throws <see cref="SettingsException"/> with one clear line.</summary>
    public static CaroSettings From(IConfiguration config)
    {
        var environment = Text(config, EnvironmentKey) ?? "development";
        var production =
            environment.Equals("production", StringComparison.OrdinalIgnoreCase)
            || environment.Equals("prod", StringComparison.OrdinalIgnoreCase);
        var development = new CaroSettings { Environment = environment }.IsDevelopment;
        return new CaroSettings
        {
            Environment = environment,
            HttpPort = Int(config, HttpPortKey, 8080, 1, 65535),
            ManagementPort = Int(config, ManagementPortKey, 9090, 1, 65535),
            BindAddress = Text(config, BindAddressKey) ?? "0.0.0.0",
            DbConnection = Text(config, DbConnectionKey) ?? Text(config, DbConnectionFallbackKey),
            DbServerVersion = Text(config, DbServerVersionKey),
            ObservatoryEnabled = Bool(
                config,
                Text(config, ObservatoryEnabledKey) is null
                    ? ObservatoryEnabledNestedKey
                    : ObservatoryEnabledKey,
                !production
            ),
            OpenApiEnabled = Bool(config, OpenApiEnabledKey, development),
            DailyGoalCards = Int(config, DailyGoalKey, 20, 1, 100_000),
            IngestionDelayMs = Int(config, IngestionDelayKey, 2000, 0, 600_000),
            IngestionQueueCapacity = Int(config, IngestionQueueKey, 100, 1, 100_000),
            MaxRequestBodyBytes = Int(config, MaxBodyKey, 1024 * 1024, 1024, 64 * 1024 * 1024),
            ShutdownTimeoutSeconds = Int(config, ShutdownTimeoutKey, 30, 1, 600),
            OtlpEndpoint = AbsoluteUri(config, OtlpEndpointKey, "http://localhost:4318"),
            TenantId = Text(config, TenantIdKey) ?? "caro-backend-staging",
            TelemetryDisabled = Bool(config, TelemetryDisabledKey, false),
            MetricExportIntervalMs = Int(config, MetricExportIntervalKey, 15000, 100, 3_600_000),
            ConsoleLogLevel = Text(config, ConsoleLogLevelKey) ?? "Information",
        };
    }

    private static string? Text(IConfiguration config, string key)
    {
        var value = config[key];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static int Int(IConfiguration config, string key, int fallback, int min, int max)
    {
        var raw = Text(config, key);
        if (raw is null)
        {
            return fallback;
        }
        if (
            !int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            || value < min
            || value > max
        )
        {
            throw new SettingsException(
                $"{key} must be an integer from {min} to {max} (got '{raw}'); fix or unset it."
            );
        }
        return value;
    }

    private static bool Bool(IConfiguration config, string key, bool fallback)
    {
        var raw = Text(config, key);
        return raw?.ToLowerInvariant() switch
        {
            null => fallback,
            "true" or "1" or "yes" or "on" => true,
            "false" or "0" or "no" or "off" => false,
            _ => throw new SettingsException(
                $"{key} must be true or false (got '{raw}'); fix or unset it."
            ),
        };
    }

    private static Uri AbsoluteUri(IConfiguration config, string key, string fallback)
    {
        var raw = Text(config, key) ?? fallback;
        if (
            !Uri.TryCreate(raw, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        )
        {
            throw new SettingsException(
                $"{key} must be an absolute http(s) URL such as http://alloy:4318 (got '{raw}')."
            );
        }
        return uri;
    }
}
