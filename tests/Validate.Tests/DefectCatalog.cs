namespace Validate.Tests;

/// <summary>The defects, across the four layers, each with the error it must cause (layers 1 and 2 here).</summary>
public static partial class DefectCatalog
{
    private const string Compose = "stack/docker-compose.yaml";
    private const string Loki = "stack/config/loki/loki.yaml";
    private const string LokiRuntime = "stack/config/loki/runtime.yaml";
    private const string Mimir = "stack/config/mimir/mimir.yaml";
    private const string Tempo = "stack/config/tempo/tempo.yaml";
    private const string TempoOverrides = "stack/config/tempo/overrides.yaml";
    private const string Alloy = "stack/config/alloy/config.alloy";
    private const string Datasources =
        "stack/config/grafana/provisioning/datasources/datasources.yaml";
    private const string StagingRules =
        "stack/config/mimir/rules/caro-backend-staging/caro-demo.yaml";
    private const string InfraRules = "stack/config/mimir/rules/infra-monitoring/components.yaml";
    private const string ProdAlertmanager =
        "stack/config/mimir/alertmanager/caro-backend-prod.yaml";
    private const string CaroDashboard = "stack/config/grafana/dashboards/caro-overview.json";
    private const string StackHealthDashboard = "stack/config/grafana/dashboards/stack-health.json";
    private const string Metrics = "stack/metrics.yaml";
    private const string EnvCatalog = "stack/env.yaml";

    /// <summary>A tenant declared in env.yaml with none of its per-tenant files.</summary>
    private const string NewTenant = "tenants:\n  - name: caro-backend-demo\n    description: x\n";

    // Built at run time so that no webhook-looking URL is written in a tracked file.
    private static readonly string FakeWebhook =
        "https://hooks.slack" + ".com/services/" + "TDOUBLE/BDOUBLE/validate-test-double";

    public static IEnumerable<Defect> Layer1 =>
        [
            new(
                "YAML syntax error",
                Loki,
                "auth_enabled: true\n",
                "auth_enabled: true\n  bad: [unclosed\n",
                ["YAML syntax"]
            ),
            new("JSON syntax error", CaroDashboard, "\"title\":", "\"title\"", ["JSON syntax"]),
            new(
                "Alloy unterminated string",
                Alloy,
                "scrape_interval = \"15s\"",
                "scrape_interval = \"15s",
                ["Alloy syntax", "not terminated"],
                CheckLine: true
            ),
            new(
                "Alloy missing comma in a list",
                Alloy,
                "{\"__address__\" = \"loki:3100\", \"job\" = \"loki\"},",
                "{\"__address__\" = \"loki:3100\", \"job\" = \"loki\"}",
                ["Alloy syntax", "missing ','"]
            ),
        ];

    public static IEnumerable<Defect> Layer2 =>
        [
            new(
                "misspelled Loki key",
                Loki,
                "  retention_enabled: true",
                "  retention_enabeld: true",
                ["unknown key 'retention_enabeld'", "did you mean 'retention_enabled'"],
                CheckLine: true
            ),
            new(
                "duration without unit",
                Loki,
                "limits_config:\n  retention_period: 168h",
                "limits_config:\n  retention_period: 168",
                ["retention_period", "not a duration"]
            ),
            new(
                "Loki retention without delete-request store",
                Loki,
                "  delete_request_store: ${LOKI_STORAGE_BACKEND:-filesystem}\n",
                "",
                ["delete_request_store", "refuses to start"]
            ),
            new(
                "structured metadata on schema v12",
                Loki,
                "      schema: v13",
                "      schema: v12",
                ["structured metadata", "v13"]
            ),
            new(
                "Loki default in Mimir syntax",
                Loki,
                "${GARAGE_REGION:-garage}",
                "${GARAGE_REGION:garage}",
                ["substring", "${GARAGE_REGION:-garage}"]
            ),
            new(
                "Tempo 2.x ingester block",
                Tempo,
                "\nserver:\n",
                "\ningester:\n  max_block_duration: 5m\n\nserver:\n",
                ["'ingester:' was removed in Tempo 3.0"]
            ),
            new(
                "Tempo legacy flat override",
                TempoOverrides,
                "  caro-backend-prod:\n",
                "  caro-backend-prod:\n    block_retention: 336h\n",
                ["legacy flat override", "enable_legacy_overrides"]
            ),
            new(
                "Tempo tenant override without ingestion limits",
                TempoOverrides,
                "  caro-backend-staging:\n    ingestion:\n      rate_limit_bytes: 30000000\n      burst_size_bytes: 30000000\n",
                "  caro-backend-staging:\n    ingestion:\n",
                [
                    "overrides.caro-backend-staging: ingestion.rate_limit_bytes is not set",
                    "RATE_LIMITED",
                ]
            ),
            new(
                "Tempo receiver on localhost",
                Tempo,
                "endpoint: \"0.0.0.0:4317\"",
                "endpoint: \"127.0.0.1:4317\"",
                ["loopback"],
                CheckLine: true
            ),
            new(
                "Mimir alertmanager_url on the default port",
                Mimir,
                "alertmanager_url: http://localhost:9009/alertmanager",
                "alertmanager_url: http://localhost:8080/alertmanager",
                ["port 8080", "listens on 9009"],
                CheckLine: true
            ),
            new(
                "Mimir default in Loki syntax",
                Mimir,
                "${GARAGE_REGION:garage}",
                "${GARAGE_REGION:-garage}",
                ["Mimir expands ${VAR:default}"]
            ),
            new(
                "Mimir ingester replication on one node",
                Mimir,
                "    replication_factor: 1\n",
                "    replication_factor: 3\n",
                ["ingester.ring.replication_factor is 3"]
            ),
            new(
                "mimirtool namespace key in a ruler store file",
                StagingRules,
                "\ngroups:\n",
                "\nnamespace: caro\ngroups:\n",
                ["'namespace:'", "rejects it"]
            ),
            new(
                "Alertmanager API wrapper in the store",
                ProdAlertmanager,
                "\nroute:\n",
                "\ntemplate_files: {}\nroute:\n",
                ["API wrapper"]
            ),
            new(
                "Grafana variable without $$",
                Datasources,
                "url: $${__value.raw}",
                "url: ${__value.raw}",
                ["'${__value.raw}'", "$${__value.raw}"]
            ),
            new(
                "compose top-level name",
                Compose,
                "\nservices:\n",
                "\nname: lgtm\nservices:\n",
                ["top-level 'name:'", "docker-compose 1.29"]
            ),
            new(
                "compose healthcheck start_interval",
                Compose,
                "      start_period: 30s\n",
                "      start_period: 30s\n      start_interval: 1s\n",
                ["start_interval"]
            ),
            new(
                "service_healthy on a service without healthcheck",
                Compose,
                "      mimir:\n        condition: service_started",
                "      mimir:\n        condition: service_healthy",
                ["'mimir'", "no healthcheck"]
            ),
            new(
                "published port not bound to the bind address",
                Compose,
                "\"${LGTM_BIND_ADDRESS:-127.0.0.1}:${GRAFANA_PORT:-3000}:3000\"",
                "\"${GRAFANA_PORT:-3000}:3000\"",
                ["not bound to ${LGTM_BIND_ADDRESS:-127.0.0.1}"]
            ),
            new(
                "Alloy reference to an undefined component",
                Alloy,
                "[otelcol.processor.batch.default.input]",
                "[otelcol.processor.batch.main.input]",
                ["undefined component", "otelcol.processor.batch.main.input"]
            ),
            new(
                "Alloy tenant header key not batched",
                Alloy,
                "metadata_keys              = [\"tenant_id\"]",
                "metadata_keys              = [\"tenant\"]",
                ["from_context \"tenant_id\"", "metadata_keys"]
            ),
            new(
                "Alloy receiver without include_metadata",
                Alloy,
                "\t\tinclude_metadata = true\n",
                "",
                ["include_metadata = true"]
            ),
            new(
                "Alloy duration written as a number",
                Alloy,
                "check_interval = \"1s\"",
                "check_interval = 1",
                ["durations are strings"],
                CheckLine: true
            ),
            new(
                "Alloy duration in days",
                Alloy,
                "max_elapsed_time = \"5m\"",
                "max_elapsed_time = \"1d\"",
                ["\"1d\" is not a duration"],
                CheckLine: true
            ),
            new(
                "Loki -health on an image older than 3.6.5",
                Compose,
                StackCopy.Pins["loki"].Image,
                "grafana/loki:3.6.4",
                ["'-health' exists only since grafana/loki 3.6.5"]
            ),
            new(
                "image pin repeated as the catalog's default",
                "stack/env.yaml",
                "name: LOKI_IMAGE\n    path: /lgtm\n    secret: false\n    required: false\n    requiredWhen: null\n    default: null",
                "name: LOKI_IMAGE\n    path: /lgtm\n    secret: false\n    required: false\n    requiredWhen: null\n    default: grafana/loki:3.7.0",
                ["LOKI_IMAGE repeats the image pin", "remove its default"],
                CheckLine: true
            ),
            new(
                "image pin without its Renovate annotation",
                Compose,
                "  # renovate: datasource=docker depName=grafana/tempo\n",
                "",
                ["service tempo", "no '# renovate: datasource=docker depName=grafana/tempo' line"],
                CheckLine: true
            ),
            new(
                "misspelled Alloy block",
                Alloy,
                "\tretry_on_failure {",
                "\tretry_on_failre {",
                ["unknown block 'retry_on_failre'", "did you mean 'retry_on_failure'"],
                CheckLine: true
            ),
            new(
                "misspelled Alloy component",
                Alloy,
                "otelcol.processor.batch \"default\" {",
                "otelcol.procesor.batch \"default\" {",
                [
                    "unknown component 'otelcol.procesor.batch'",
                    "did you mean 'otelcol.processor.batch'",
                ],
                CheckLine: true
            ),
            new(
                "misspelled Alloy attribute",
                Alloy,
                "spike_limit    = \"102MiB\"",
                "spike_limt    = \"102MiB\"",
                ["unknown attribute 'spike_limt'", "did you mean 'spike_limit'"],
                CheckLine: true
            ),
            new(
                "tsdb index period other than 24h",
                Loki,
                "        period: 24h",
                "        period: 168h",
                ["tsdb needs index.period 24h", "not 168h"],
                CheckLine: true
            ),
            new(
                "schema periods out of order",
                Loki,
                "  configs:\n    - from: 2025-01-01\n",
                "  configs:\n    - from: 2025-06-01\n      store: tsdb\n      object_store: filesystem\n      schema: v13\n      index:\n        prefix: index_\n        period: 24h\n    - from: 2025-01-01\n",
                ["increasing order"]
            ),
            new(
                "alert without a routable severity",
                StagingRules,
                "          severity: critical",
                "          severity: page",
                ["label severity must be critical or warning", "'page'"],
                CheckLine: true
            ),
            new(
                "misspelled datasource field",
                Datasources,
                "    editable: false\n",
                "    editabel: false\n",
                ["unknown datasource field 'editabel'", "did you mean 'editable'"],
                CheckLine: true
            ),
            new(
                "Slack webhook committed",
                ProdAlertmanager,
                "https://slack-webhook.invalid/SLACK_WEBHOOK_URL_CARO_BACKEND_PROD",
                FakeWebhook,
                ["Slack webhook URL is committed"],
                CheckLine: true
            ),
            .. EngineFindings,
        ];
}
