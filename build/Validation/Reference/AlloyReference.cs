namespace Build.Validation.Reference;

/// <summary>
/// Alloy 1.18 components the stack uses (grafana/alloy v1.18.x docs/sources/reference/components/): their attributes
/// and blocks, per block path. The lists are partial, so only near misses (misspellings) are reported; unknown
/// component names are reported when close to a known one. <c>alloy validate</c> (layer 4) is the complete check.
/// </summary>
public static class AlloyReference
{
    public static readonly IReadOnlyDictionary<string, string[]> Children = Build(
        """
        otelcol.receiver.otlp: grpc http output debug_metrics
        otelcol.receiver.otlp/grpc: endpoint transport max_recv_msg_size max_concurrent_streams read_buffer_size write_buffer_size include_metadata tls keepalive auth
        otelcol.receiver.otlp/http: endpoint max_request_body_size include_metadata compression_algorithms traces_url_path metrics_url_path logs_url_path tls cors auth
        otelcol.receiver.otlp/output: metrics logs traces
        otelcol.processor.memory_limiter: check_interval limit spike_limit limit_percentage spike_limit_percentage output debug_metrics
        otelcol.processor.memory_limiter/output: metrics logs traces
        otelcol.processor.batch: timeout send_batch_size send_batch_max_size metadata_keys metadata_cardinality_limit output debug_metrics
        otelcol.processor.batch/output: metrics logs traces
        otelcol.auth.headers: header
        otelcol.auth.headers/header: key value from_context from_attribute action
        otelcol.exporter.otlphttp: client sending_queue retry_on_failure debug_metrics metrics_endpoint logs_endpoint traces_endpoint encoding
        otelcol.exporter.otlphttp/client: endpoint headers auth compression read_buffer_size write_buffer_size timeout max_idle_conns max_idle_conns_per_host max_conns_per_host idle_conn_timeout disable_keep_alives http2_read_idle_timeout http2_ping_timeout tls cookies
        otelcol.exporter.otlp: client sending_queue retry_on_failure debug_metrics timeout
        otelcol.exporter.otlp/client: endpoint headers auth compression read_buffer_size write_buffer_size wait_for_ready balancer_name authority tls keepalive
        */sending_queue: enabled num_consumers queue_size storage blocking sizer batch wait_for_result block_on_overflow
        */retry_on_failure: enabled initial_interval randomization_factor multiplier max_interval max_elapsed_time
        prometheus.scrape: targets forward_to job_name extra_metrics honor_labels honor_timestamps track_timestamps_staleness params scrape_classic_histograms scrape_native_histograms scrape_interval scrape_timeout scrape_protocols metrics_path scheme body_size_limit sample_limit target_limit label_limit label_name_length_limit label_value_length_limit bearer_token bearer_token_file proxy_url follow_redirects enable_http2 basic_auth authorization oauth2 tls_config clustering enable_protobuf_negotiation
        prometheus.remote_write: external_labels endpoint wal
        prometheus.remote_write/endpoint: name url remote_timeout headers send_exemplars send_native_histograms bearer_token bearer_token_file proxy_url follow_redirects enable_http2 basic_auth authorization oauth2 sigv4 azuread tls_config queue_config metadata_config write_relabel_config protobuf_message
        discovery.relabel: targets rule
        discovery.relabel/rule: source_labels separator regex modulus target_label replacement action
        """
    );

    public static readonly string[] Components =
    [
        "otelcol.receiver.otlp",
        "otelcol.processor.memory_limiter",
        "otelcol.processor.batch",
        "otelcol.processor.filter",
        "otelcol.processor.attributes",
        "otelcol.processor.transform",
        "otelcol.processor.resourcedetection",
        "otelcol.auth.headers",
        "otelcol.auth.basic",
        "otelcol.auth.bearer",
        "otelcol.exporter.otlphttp",
        "otelcol.exporter.otlp",
        "otelcol.exporter.prometheus",
        "otelcol.exporter.loki",
        "otelcol.connector.spanmetrics",
        "otelcol.connector.servicegraph",
        "prometheus.scrape",
        "prometheus.remote_write",
        "prometheus.relabel",
        "prometheus.exporter.self",
        "prometheus.exporter.unix",
        "discovery.relabel",
        "discovery.docker",
        "loki.write",
        "loki.process",
        "loki.source.docker",
        "logging",
        "livedebugging",
        "tracing",
        "http",
    ];

    private static Dictionary<string, string[]> Build(string spec) =>
        spec.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(':', 2))
            .ToDictionary(
                p => p[0].Trim(),
                p => p[1].Split(' ', StringSplitOptions.RemoveEmptyEntries),
                StringComparer.Ordinal
            );
}
