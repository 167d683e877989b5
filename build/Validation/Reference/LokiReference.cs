namespace Build.Validation.Reference;

/// <summary>
/// Loki at <see cref="ImageFacts"/>' reference version (grafana/loki v3.7.x docs/sources/shared/configuration.md): the sections a monolithic config uses.
/// Lines ending in '~' are partial lists (misspellings only).
/// </summary>
public static class LokiReference
{
    private const string Limits = """
        limits_config~: ingestion_rate_strategy ingestion_rate_mb:float ingestion_burst_size_mb:float max_label_name_length:int
        limits_config~: max_label_value_length:int max_label_names_per_series:int reject_old_samples:bool reject_old_samples_max_age:dur
        limits_config~: creation_grace_period:dur max_line_size:size max_line_size_truncate:bool discover_service_name:list
        limits_config~: discover_log_levels:bool max_streams_per_user:int max_global_streams_per_user:int unordered_writes:bool
        limits_config~: per_stream_rate_limit:size per_stream_rate_limit_burst:size max_chunks_per_query:int max_query_series:int
        limits_config~: max_query_lookback:dur max_query_length:dur max_query_range:dur max_query_parallelism:int
        limits_config~: tsdb_max_query_parallelism:int cardinality_limit:int max_streams_matchers_per_query:int
        limits_config~: max_concurrent_tail_requests:int max_entries_limit_per_query:int max_cache_freshness_per_query:dur
        limits_config~: max_queriers_per_tenant:int query_timeout:dur split_queries_by_interval:dur volume_enabled:bool
        limits_config~: retention_period:dur retention_stream:list per_tenant_override_config per_tenant_override_period:dur
        limits_config~: deletion_mode allow_structured_metadata:bool max_structured_metadata_size:size
        limits_config~: max_structured_metadata_entries_count:int otlp_config ruler_max_rules_per_rule_group:int
        limits_config~: ruler_max_rule_groups_per_tenant:int shard_streams metric_aggregation_enabled:bool pattern_persistence_enabled:bool
        limits_config~: max_query_bytes_read:size max_querier_bytes_read:size query_ready_index_num_days:int
        limits_config.retention_stream[]: selector priority:int period:dur
        """;

    public static readonly KeyReference Runtime = new(
        "Loki",
        ImageFacts.Loki.ReferenceVersion + " runtime",
        """
        : overrides configs
        overrides.* = limits_config
        """,
        Limits
    );

    public static readonly KeyReference Keys = new(
        "Loki",
        ImageFacts.Loki.ReferenceVersion,
        """
        ~: target auth_enabled:bool ballast_bytes:int shutdown_delay:dur server internal_server ui distributor querier query_engine
        ~: query_scheduler frontend query_range ruler ruler_storage ingester_client block_builder block_scheduler pattern_ingester
        ~: ingester index_gateway bloom_build bloom_gateway storage_config chunk_store_config schema_config compactor compactor_grpc_client
        ~: limits_config frontend_worker table_manager memberlist kafka_config dataobj runtime_config operational_config tracing
        ~: analytics profiling common metastore metastore_client partition_ring ingest_limits ingest_limits_frontend
        common: path_prefix storage persist_tokens:bool replication_factor:int ring instance_interface_names:list instance_addr
        common: compactor_address compactor_grpc_address
        common.storage~: s3 gcs azure alibabacloud bos swift filesystem hedging cos congestion_control object_store
        common.storage.filesystem: chunks_directory rules_directory
        common.ring~: kvstore heartbeat_period:dur heartbeat_timeout:dur tokens_file_path zone_awareness_enabled:bool num_tokens:int
        common.ring~: replication_factor:int instance_id instance_interface_names:list instance_port:int instance_addr instance_availability_zone
        common.ring.kvstore~: store prefix consul etcd multi
        schema_config: configs:list
        schema_config.configs[]: from store object_store schema index chunks row_shards:int
        schema_config.configs[].index: prefix period:dur tags path_prefix
        runtime_config: period:dur file
        compactor~: working_directory compaction_interval:dur apply_retention_interval:dur retention_enabled:bool retention_delete_delay:dur
        compactor~: retention_delete_worker_count:int retention_table_timeout:dur retention_backoff_config delete_request_store
        compactor~: delete_request_store_key_prefix delete_request_store_db_type delete_batch_size:int delete_request_cancel_period:dur
        compactor~: delete_max_interval:dur max_compaction_parallelism:int upload_parallelism:int compactor_ring run_once:bool
        compactor~: tables_to_compact:int skip_latest_n_tables:int horizontal_scaling_mode
        pattern_ingester~: enabled:bool lifecycler client_config concurrent_flushes:int flush_check_period:dur max_clusters:int
        pattern_ingester~: max_eviction_ratio:float metric_aggregation connection_timeout:dur max_allowed_line_length:int retain_for:dur
        pattern_ingester~: max_chunk_age:dur pattern_sample_interval:dur
        pattern_ingester.metric_aggregation~: loki_address sampling_interval:dur
        pattern_ingester.lifecycler~: ring num_tokens:int heartbeat_period:dur join_after:dur observe_period:dur min_ready_duration:dur final_sleep:dur
        ingester~: lifecycler concurrent_flushes:int flush_check_period:dur chunk_idle_period:dur chunk_retain_period:dur wal
        ingester.lifecycler~: ring num_tokens:int heartbeat_period:dur join_after:dur observe_period:dur min_ready_duration:dur final_sleep:dur
        frontend~: scheduler_address scheduler_dns_lookup_period:dur scheduler_worker_concurrency:int log_queries_longer_than:dur
        frontend_worker~: frontend_address scheduler_address dns_lookup_duration:dur query_frontend_grpc_client
        storage_config~: alibabacloud aws azure bos gcs cos swift filesystem hedging index_cache_validity:dur index_queries_cache_config
        storage_config~: disable_broad_index_queries:bool max_parallel_get_chunk:int max_chunk_batch_size:int bloom_shipper
        storage_config~: boltdb_shipper tsdb_shipper use_thanos_objstore:bool object_store congestion_control named_stores
        storage_config.tsdb_shipper~: active_index_directory cache_location cache_ttl:dur resync_interval:dur query_ready_num_days:int index_gateway_client
        storage_config.aws~: s3 s3forcepathstyle:bool bucketnames endpoint region access_key_id secret_access_key session_token insecure:bool
        storage_config.aws~: http_config storage_class signature_version sse backoff_config disable_dualstack:bool
        common.storage.s3 = storage_config.aws
        """,
        Limits,
        KeyReference.DskitServer
    );
}
