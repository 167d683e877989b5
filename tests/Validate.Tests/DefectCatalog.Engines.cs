namespace Validate.Tests;

/// <summary>
/// What the real engines (Loki 3.7.6, Tempo 3.0.3, Mimir 3.0.3, Alloy's formatter) reported about stack/,
/// each as a defect that layer 2 must catch again (part of <see cref="Layer2"/>).
/// </summary>
public static partial class DefectCatalog
{
    private static IEnumerable<Defect> EngineFindings =>
        [
            new(
                "Alloy config indented with spaces (not alloy fmt form)",
                Alloy,
                "\tcheck_interval = \"1s\"",
                "  check_interval = \"1s\"",
                ["not in `alloy fmt` form", "1 line is indented with spaces", "alloy fmt -w"],
                CheckLine: true
            ),
            new(
                "Tempo named tenant limited below an unnamed tenant",
                TempoOverrides,
                "  caro-backend-prod:\n    ingestion:\n      rate_limit_bytes: 30000000\n",
                "  caro-backend-prod:\n    ingestion:\n      rate_limit_bytes: 15000000\n",
                [
                    "overrides.caro-backend-prod: ingestion.rate_limit_bytes 15000000 is less than a tenant without an entry gets (30000000)",
                ]
            ),
            new(
                "Tempo defaults raised above the named tenants",
                Tempo,
                "      max_traces_per_user: 10000\n",
                "      max_traces_per_user: 20000\n",
                ["ingestion.max_traces_per_user 10000 is less than", "(20000)"],
                ExpectedFile: TempoOverrides
            ),
            new(
                "Mimir directory that is a string prefix of another",
                Mimir,
                "data_dir: /data/alertmanager-state",
                "data_dir: /data/alertmanager",
                [
                    "alertmanager.data_dir /data/alertmanager is a string prefix of alertmanager_storage.filesystem.dir /data/alertmanager-configs",
                ],
                CheckLine: true
            ),
            new(
                "Mimir directory inside another",
                Mimir,
                "sync_dir: /data/store-gateway-sync",
                "sync_dir: /data/tsdb/sync",
                [
                    "blocks_storage.tsdb.dir /data/tsdb contains blocks_storage.bucket_store.sync_dir /data/tsdb/sync",
                ]
            ),
            new(
                "misspelled Mimir readiness setting",
                Mimir,
                "    min_ready_duration: 0s",
                "    min_ready_duraton: 0s",
                ["unknown key 'min_ready_duraton'", "did you mean 'min_ready_duration'"],
                CheckLine: true
            ),
            new(
                "misspelled Loki readiness setting",
                Loki,
                "  scheduler_dns_lookup_period: 1s",
                "  scheduler_dns_lookup_perod: 1s",
                [
                    "unknown key 'scheduler_dns_lookup_perod'",
                    "did you mean 'scheduler_dns_lookup_period'",
                ],
                CheckLine: true
            ),
        ];
}
