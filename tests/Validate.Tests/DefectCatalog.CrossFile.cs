namespace Validate.Tests;

/// <summary>Defects of layers 3 (cross-file) and 4 (real checkers).</summary>
public static partial class DefectCatalog
{
    public static IEnumerable<Defect> Layer3 =>
        [
            new(
                "tenant typo in Loki overrides",
                LokiRuntime,
                "  caro-backend-prod:\n",
                "  caro-backend-prd:\n",
                ["tenant 'caro-backend-prd'", "did you mean 'caro-backend-prod'"],
                CheckLine: true
            ),
            new(
                "datasource URL on a port Loki does not listen on",
                Datasources,
                "url: http://loki:3100",
                "url: http://loki:3101",
                ["loki listens on", "not on 3101"],
                CheckLine: true
            ),
            new(
                "exporter to a host that is no compose service",
                Alloy,
                "http://mimir:9009/otlp",
                "http://mimri:9009/otlp",
                ["'mimri' is not a service", "did you mean 'mimir'"],
                CheckLine: true
            ),
            new(
                "dashboard datasource uid that does not exist",
                StackHealthDashboard,
                "\"uid\": \"mimir-infra\"",
                "\"uid\": \"mimir-infre\"",
                ["datasource uid 'mimir-infre'", "did you mean 'mimir-infra'"]
            ),
            new(
                "dashboard variable whose regex matches no datasource",
                CaroDashboard,
                "/^${tenant:text} logs$/",
                "/^${tenant:text} log$/",
                [
                    "datasource variable 'logs'",
                    "matches no datasource when tenant = caro-backend-prod",
                ]
            ),
            new(
                "a Caro tenant without the Loki datasource the dashboard's variable needs",
                Datasources,
                "name: caro-backend-prod logs",
                "name: caro-backend-prod loki",
                [
                    "datasource variable 'logs'",
                    "matches no datasource when tenant = caro-backend-prod",
                ],
                ExpectedFile: CaroDashboard
            ),
            new(
                "dashboard variable that picks another tenant's datasource",
                CaroDashboard,
                "/^${tenant:text} traces$/",
                "/^caro-backend-staging traces$/",
                [
                    "tenant = caro-backend-prod",
                    "reads tenants caro-backend-prod and caro-backend-staging",
                ]
            ),
            new(
                "Loki panel on the metrics variable",
                CaroDashboard,
                "\"type\": \"loki\",\n        \"uid\": \"${logs}\"",
                "\"type\": \"loki\",\n        \"uid\": \"${tenant}\"",
                ["a loki panel reads '${tenant}'", "holds prometheus datasources"]
            ),
            new(
                "dashboard datasource variable that is not defined",
                CaroDashboard,
                "\"uid\": \"${logs}\"",
                "\"uid\": \"${log}\"",
                ["datasource variable '${log}'", "does not define", "did you mean 'logs'"]
            ),
            new(
                "dashboard query on a series the chosen tenant does not have",
                Metrics,
                "    job: caro-demo\n    tenants: [caro-backend-*]",
                "    job: caro-demo\n    tenants: [caro-backend-staging]",
                ["dashboard query (caro-backend-prod)", "not in 'caro-backend-prod'"],
                ExpectedFile: CaroDashboard
            ),
            new(
                "declared tenant without datasources",
                EnvCatalog,
                "tenants:\n",
                NewTenant,
                ["no Grafana datasource reads tenant 'caro-backend-demo'", "add its datasources"],
                ExpectedFile: Datasources
            ),
            new(
                "declared tenant without a rule folder",
                EnvCatalog,
                "tenants:\n",
                NewTenant,
                ["create stack/config/mimir/rules/caro-backend-demo/<name>.yaml"],
                ExpectedFile: "stack/config/mimir/rules"
            ),
            new(
                "declared tenant without an Alertmanager config",
                EnvCatalog,
                "tenants:\n",
                NewTenant,
                ["create stack/config/mimir/alertmanager/caro-backend-demo.yaml"],
                ExpectedFile: "stack/config/mimir/alertmanager"
            ),
            new(
                "compose variable missing from the catalog",
                Compose,
                "${GRAFANA_ADMIN_USER:-admin}",
                "${GRAFANA_ADMIN_USR:-admin}",
                [
                    "GRAFANA_ADMIN_USR",
                    "not in the environment catalog",
                    "did you mean 'GRAFANA_ADMIN_USER'",
                ]
            ),
            new(
                "rule on a series nothing emits",
                StagingRules,
                "caro_uptime_seconds{job=\"caro-demo\"}",
                "caro_uptime_total{job=\"caro-demo\"}",
                ["'caro_uptime_total' is not in stack/metrics.yaml"]
            ),
            new(
                "rule on a series of another tenant",
                InfraRules,
                "up{job=\"loki\"} == 0",
                "caro_uptime_seconds{job=\"loki\"} == 0",
                ["'caro_uptime_seconds' lands in tenant(s)", "'infra-monitoring'"]
            ),
            new(
                "config variable not passed to its container",
                Compose,
                "      GARAGE_LOKI_ACCESS_KEY_ID: ${GARAGE_LOKI_ACCESS_KEY_ID:-}\n",
                "",
                ["GARAGE_LOKI_ACCESS_KEY_ID", "not passed to the loki container"],
                ExpectedFile: Loki
            ),
            new(
                "config with variables but no -config.expand-env",
                Compose,
                "      - -config.file=/etc/loki/loki.yaml\n      - -config.expand-env=true\n",
                "      - -config.file=/etc/loki/loki.yaml\n",
                ["without -config.expand-env=true"],
                ExpectedFile: Loki
            ),
            new(
                "Mimir drops exemplars",
                Mimir,
                "max_global_exemplars_per_user: 100000",
                "max_global_exemplars_per_user: 0",
                ["wants exemplars", "max_global_exemplars_per_user is 0"],
                CheckLine: true
            ),
            new(
                "compose default differs from the catalog",
                Compose,
                "${GRAFANA_PORT:-3000}",
                "${GRAFANA_PORT:-3001}",
                ["compose default differs", "default '3000'"],
                CheckLine: true
            ),
            new(
                "catalog usedBy names a service that never reads the variable",
                "stack/env.yaml",
                "default: \"admin\"\n    usedBy: [grafana]",
                "default: \"admin\"\n    usedBy: [loki]",
                ["GRAFANA_ADMIN_USER: usedBy names loki, but that service never reads it"]
            ),
            new(
                "service reads a variable its catalog entry does not list",
                "stack/env.yaml",
                "default: \"admin\"\n    usedBy: [grafana]",
                "default: \"admin\"\n    usedBy: [Up]",
                ["GRAFANA_ADMIN_USER is read by service grafana, but its usedBy"],
                ExpectedFile: Compose
            ),
            new(
                "trace-to-logs link into another tenant",
                Datasources,
                "tracesToLogsV2:\n        datasourceUid: loki-staging",
                "tracesToLogsV2:\n        datasourceUid: loki-prod",
                ["points at 'loki-prod' of tenant caro-backend-prod"]
            ),
            new(
                "service map on a uid that does not exist",
                Datasources,
                "serviceMap:\n        datasourceUid: mimir-staging",
                "serviceMap:\n        datasourceUid: mimir-stagin",
                ["uid 'mimir-stagin'", "did you mean 'mimir-staging'"]
            ),
            new(
                "secret with a default in the catalog",
                "stack/env.yaml",
                "secret: true\n    required: true\n    requiredWhen: null\n    default: null",
                "secret: true\n    required: true\n    requiredWhen: null\n    default: changeme",
                ["secret GRAFANA_ADMIN_PASSWORD has a default"]
            ),
            new(
                "bind mount of a folder that does not exist",
                Compose,
                "./config/alloy:/etc/alloy:ro",
                "./config/aloy:/etc/alloy:ro",
                ["mounts ./config/aloy", "does not exist"]
            ),
        ];

    public static IEnumerable<Defect> Layer4 =>
        [
            new(
                "promtool rejects a rule",
                StagingRules,
                "for: 5m",
                "for: 5 minutes",
                ["promtool check rules"],
                Layers: "1,4"
            ),
            new(
                "amtool rejects a route to an undefined receiver",
                ProdAlertmanager,
                "  receiver: slack-warning\n  group_by",
                "  receiver: slack-nowhere\n  group_by",
                ["amtool check-config", "slack-nowhere"],
                Layers: "1,4"
            ),
            new(
                "docker-compose rejects a healthcheck",
                Compose,
                "      retries: 60\n",
                "      retries: many\n",
                ["compose config", "retries"],
                Layers: "1,4"
            ),
        ];
}
