namespace Build.Validation.Reference;

/// <summary>
/// Tempo at <see cref="ImageFacts"/>' reference version (grafana/tempo v3.0.x docs/sources/tempo/configuration/_index.md): sections a monolithic config uses.
/// Lines ending in '~' are partial lists (misspellings only). Tempo 3 parses strictly; the legacy
/// <c>ingester</c>/<c>compactor</c> blocks and flat overrides are reported by <see cref="Checks.TempoChecks"/>.
/// </summary>
public static class TempoReference
{
    private const string TenantLimits = """
        limits: ingestion read compaction metrics_generator forwarders global storage cost_attribution
        limits.ingestion~: rate_strategy rate_limit_bytes:int burst_size_bytes:int max_traces_per_user:int
        limits.ingestion~: max_global_traces_per_user:int tenant_shard_size:int max_attribute_bytes:int
        limits.read~: max_bytes_per_tag_values_query:int max_blocks_per_tag_values_query:int max_search_duration:dur
        limits.read~: max_metrics_duration:dur unsafe_query_hints:bool
        limits.compaction~: block_retention:dur compaction_window:dur compaction_disabled:bool
        limits.metrics_generator~: ring_size:int processors:list max_active_series:int collection_interval:dur
        limits.metrics_generator~: disable_collection:bool generate_native_histograms trace_id_label_name
        limits.metrics_generator~: ingestion_time_range_slack:dur remote_write_headers:map processor
        limits.global~: max_bytes_per_trace:int
        """;

    public static readonly KeyReference Overrides = new(
        "Tempo",
        ImageFacts.Tempo.ReferenceVersion + " overrides",
        """
        : overrides
        overrides.* = limits
        """,
        TenantLimits
    );

    public static readonly KeyReference Keys = new(
        "Tempo",
        ImageFacts.Tempo.ReferenceVersion,
        """
        ~: target http_api_prefix server internal_server distributor querier query_frontend backend_scheduler backend_worker
        ~: block_builder live_store metrics_generator storage overrides memberlist usage_report cache ingest partition_ring
        ~: multitenancy_enabled:bool shutdown_delay:dur stream_over_http_enabled:bool autocomplete_filtering_enabled:bool
        ~: ingester_client generator_client live_store_client metrics_generator_client backend_scheduler_client
        ~: auth_enabled:bool enable_go_runtime_metrics:bool
        # 2.x blocks: known here so that TempoChecks reports them as removed (not as misspellings of "ingest")
        ~: ingester compactor
        distributor~: receivers log_received_spans log_discarded_spans metric_received_spans forwarders usage
        distributor.receivers~: otlp jaeger zipkin kafka
        distributor.receivers.otlp: protocols
        distributor.receivers.otlp.protocols: grpc http
        distributor.receivers.otlp.protocols.grpc~: endpoint max_recv_msg_size_mib:int max_concurrent_streams:int tls keepalive
        distributor.receivers.otlp.protocols.http~: endpoint cors tls max_request_body_size:int
        storage: trace
        storage.trace~: backend wal local s3 gcs azure block pool search blocklist_poll:dur cache blocklist_poll_concurrency:int
        storage.trace.local: path
        storage.trace.wal~: path
        storage.trace.s3~: bucket endpoint region access_key secret_key session_token insecure:bool forcepathstyle:bool prefix
        metrics_generator~: ring processor registry storage traces_storage metrics_ingestion_time_range_slack:dur query_timeout:dur
        metrics_generator.storage~: path remote_write:list remote_write_flush_deadline:dur remote_write_add_org_id_header:bool wal
        metrics_generator.registry~: external_labels:map collection_interval:dur stale_duration:dur inject_tenant_id_as
        metrics_generator.processor~: service_graphs span_metrics local_blocks host_info
        overrides~: defaults per_tenant_override_config per_tenant_override_period:dur enable_legacy_overrides:bool user_configurable_overrides
        overrides.defaults = limits
        backend_scheduler~: provider work tenant_measurement_interval:dur
        backend_worker~: compaction ring backend_scheduler_addr
        query_frontend~: search trace_by_id metrics max_outstanding_per_tenant:int max_retries:int query_end_cutoff:dur
        """,
        TenantLimits,
        KeyReference.DskitServer
    );

    /// <summary>
    /// What a tenant without an entry in the overrides file gets when <c>overrides.defaults</c> leaves a
    /// limit out: Tempo 3.0.3's built-in defaults (its <c>-distributor.ingestion-rate-limit-bytes</c>,
    /// <c>-distributor.ingestion-burst-size-bytes</c>, <c>-ingester.max-traces-per-user</c> and
    /// <c>-ingester.max-bytes-per-trace</c> flags; Tempo 2.x had 15 MB/s and 20 MB). 0 disables the trace count and size limits.
    /// </summary>
    public static readonly IReadOnlyList<(
        string Section,
        string Key,
        long Default,
        bool ZeroIsUnlimited
    )> TenantLimitDefaults =
    [
        ("ingestion", "rate_limit_bytes", 30_000_000, false),
        ("ingestion", "burst_size_bytes", 30_000_000, false),
        ("ingestion", "max_traces_per_user", 10_000, true),
        ("global", "max_bytes_per_trace", 5_000_000, true),
    ];
}
