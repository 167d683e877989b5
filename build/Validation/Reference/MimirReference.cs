namespace Build.Validation.Reference;

/// <summary>
/// Mimir at <see cref="ImageFacts"/>' reference version (grafana/mimir docs/sources/mimir/configure/configuration-parameters/index.md): sections a monolithic
/// config uses. Lines ending in '~' are partial lists (misspellings only).
/// </summary>
public static class MimirReference
{
    private const string Limits = """
        limits~: ingestion_rate:float ingestion_burst_size:int max_global_series_per_user:int max_global_series_per_metric:int
        limits~: max_global_exemplars_per_user:int compactor_blocks_retention_period:dur ruler_max_rules_per_rule_group:int
        limits~: ruler_max_rule_groups_per_tenant:int native_histograms_ingestion_enabled:bool max_label_names_per_series:int
        limits~: max_label_name_length:int max_label_value_length:int ingestion_tenant_shard_size:int request_rate:float
        limits~: request_burst_size:int accept_ha_samples:bool ha_cluster_label ha_replica_label drop_labels:list
        limits~: max_metadata_length:int max_native_histogram_buckets:int creation_grace_period:dur past_grace_period:dur
        limits~: max_fetched_chunks_per_query:int max_fetched_series_per_query:int max_fetched_chunk_bytes_per_query:int
        limits~: max_query_lookback:dur max_partial_query_length:dur max_total_query_length:dur max_query_parallelism:int
        limits~: out_of_order_time_window:dur otel_metric_suffixes_enabled:bool promote_otel_resource_attributes
        limits~: ruler_evaluation_delay_duration:dur ruler_tenant_shard_size:int compactor_split_and_merge_shards:int
        limits~: store_gateway_tenant_shard_size:int results_cache_ttl:dur max_cache_freshness:dur query_sharding_total_shards:int
        limits~: cardinality_analysis_enabled:bool max_global_metadata_per_user:int max_global_metadata_per_metric:int
        limits~: alertmanager_receivers_firewall_block_cidr_networks alertmanager_notification_rate_limit:float
        limits~: alertmanager_max_config_size_bytes:int alertmanager_max_templates_count:int alertmanager_max_alerts_count:int
        limits~: ruler_alerting_rules_evaluation_enabled:bool ruler_recording_rules_evaluation_enabled:bool
        """;

    public static readonly KeyReference Runtime = new(
        "Mimir",
        ImageFacts.Mimir.ReferenceVersion + " runtime",
        """
        : overrides multi_kv_config ingester_limits distributor_limits
        overrides.* = limits
        """,
        Limits
    );

    public static readonly KeyReference Keys = new(
        "Mimir",
        ImageFacts.Mimir.ReferenceVersion,
        """
        ~: target multitenancy_enabled:bool no_auth_tenant shutdown_delay:dur max_separate_metrics_groups_per_user:int
        ~: enable_go_runtime_metrics:bool api server distributor querier ingester_client ingester flusher limits frontend_worker
        ~: frontend query_scheduler blocks_storage compactor store_gateway tenant_federation activity_tracker vault ruler
        ~: ruler_storage alertmanager alertmanager_storage runtime_config memberlist overrides_exporter common usage_stats
        ~: ingest_storage block_builder block_builder_scheduler usage_tracker cost_attribution_registry_path cluster_validation
        api~: skip_label_name_validation_header_enabled:bool alertmanager_http_prefix prometheus_http_prefix
        runtime_config: period:dur file
        ruler_storage: backend local s3 gcs azure swift filesystem storage_prefix cache
        ruler_storage.local: directory
        ruler_storage.filesystem: dir
        alertmanager_storage: backend local s3 gcs azure swift filesystem storage_prefix
        alertmanager_storage.local: path
        alertmanager_storage.filesystem: dir
        ruler~: external_url evaluation_interval:dur poll_interval:dur rule_path alertmanager_url alertmanager_refresh_interval:dur
        ruler~: notification_queue_capacity:int notification_timeout:dur for_outage_tolerance:dur for_grace_period:dur
        ruler~: resend_delay:dur ring enable_api:bool tenant_federation query_frontend max_rules_per_rule_group:int
        ruler~: max_rule_groups_per_tenant:int alertmanager_client outbound_sync_queue_poll_interval:dur
        alertmanager~: data_dir retention:dur external_url poll_interval:dur sharding_ring fallback_config_file
        alertmanager~: peer_timeout:dur enable_api:bool alertmanager_client persist_interval:dur max_recv_msg_size:int
        alertmanager.sharding_ring~: kvstore heartbeat_period:dur heartbeat_timeout:dur replication_factor:int
        alertmanager.sharding_ring~: zone_awareness_enabled:bool instance_addr instance_interface_names:list instance_port:int
        blocks_storage~: backend s3 gcs azure swift filesystem storage_prefix bucket_store tsdb
        blocks_storage.filesystem: dir
        blocks_storage.tsdb~: dir block_ranges_period:list retention_period:dur ship_interval:dur ship_concurrency:int
        blocks_storage.tsdb~: head_compaction_interval:dur head_compaction_concurrency:int wal_compression_enabled:bool
        blocks_storage.bucket_store~: sync_dir sync_interval:dur
        compactor~: block_ranges:list block_sync_concurrency:int meta_sync_concurrency:int data_dir compaction_interval:dur
        compactor~: compaction_retries:int compaction_concurrency:int cleanup_interval:dur deletion_delay:dur sharding_ring
        ingester~: ring
        ingester.ring~: kvstore heartbeat_period:dur heartbeat_timeout:dur replication_factor:int zone_awareness_enabled:bool
        ingester.ring~: tokens_file_path num_tokens:int instance_addr instance_interface_names:list instance_port:int final_sleep:dur
        ingester.ring~: min_ready_duration:dur observe_period:dur
        store_gateway~: sharding_ring
        store_gateway.sharding_ring~: kvstore heartbeat_period:dur heartbeat_timeout:dur replication_factor:int
        store_gateway.sharding_ring~: tokens_file_path zone_awareness_enabled:bool instance_addr instance_interface_names:list
        common~: storage
        common.storage~: backend s3 gcs azure swift filesystem
        common.storage.s3~: endpoint region bucket_name secret_access_key access_key_id session_token insecure:bool
        common.storage.s3~: signature_version list_objects_version storage_class native_aws_auth_enabled:bool
        blocks_storage.s3 = common.storage.s3
        ruler_storage.s3 = common.storage.s3
        alertmanager_storage.s3 = common.storage.s3
        memberlist~: node_name randomize_node_name:bool stream_timeout:dur retransmit_factor:int pull_push_interval:dur
        memberlist~: gossip_interval:dur gossip_nodes:int join_members:list abort_if_cluster_join_fails:bool bind_addr:list bind_port:port
        tenant_federation~: enabled:bool max_concurrent:int max_tenants:int
        usage_stats~: enabled:bool installation_mode
        """,
        Limits,
        KeyReference.DskitServer
    );

    /// <summary>
    /// The directory settings Mimir requires to be apart (its filesystem-path sanity check at start-up).
    /// Mimir before 3.1.0 took a directory that is a string prefix of another one for its parent
    /// (<c>/data/alertmanager</c> next to <c>/data/alertmanager-configs</c>) and refused to start, so the
    /// stack keeps every one of them from being a string prefix of another.
    /// </summary>
    public static readonly IReadOnlyList<string[]> DirectorySettings =
    [
        ["common", "storage", "filesystem", "dir"],
        ["blocks_storage", "filesystem", "dir"],
        ["blocks_storage", "tsdb", "dir"],
        ["blocks_storage", "bucket_store", "sync_dir"],
        ["compactor", "data_dir"],
        ["ruler", "rule_path"],
        ["ruler_storage", "filesystem", "dir"],
        ["ruler_storage", "local", "directory"],
        ["alertmanager", "data_dir"],
        ["alertmanager_storage", "filesystem", "dir"],
        ["alertmanager_storage", "local", "path"],
    ];
}
