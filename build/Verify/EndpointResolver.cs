using Build.Docker;
using Build.Host;
using Build.Stack;

namespace Build.Verify;

/// <summary>
/// Where Verify sends and reads: each URL given on the command line wins; otherwise the catalog's service of that
/// role, on the port its running container publishes (else the compose file's). Through Alloy the three OTLP URLs
/// are Alloy's receiver; with <c>--direct</c> each backend's own (under its API URL when it shares the port).
/// </summary>
public static class EndpointResolver
{
    public static async Task<VerifyEndpoints> ResolveAsync(
        StackCatalog catalog,
        Func<string, string?> argument,
        bool direct,
        Func<Task<IReadOnlyList<ContainerState>?>> containers
    )
    {
        async Task<Uri?> Endpoint(string name, string role, Func<StackService, StackEndpoint?> pick)
        {
            if (Url(argument(name), name) is { } given)
            {
                return given;
            }
            return catalog.WithRole(role) is { } service
                ? service.HostUrl(pick(service), await containers())
                : null;
        }

        var loki = await Endpoint(VerifyArguments.LokiUrl, StackRole.Logs, s => s.Api);
        var mimir = await Endpoint(VerifyArguments.MimirUrl, StackRole.Metrics, s => s.Api);
        var tempo = await Endpoint(VerifyArguments.TempoUrl, StackRole.Traces, s => s.Api);
        var grafana = await Endpoint(VerifyArguments.GrafanaUrl, StackRole.Grafana, s => s.Api);
        var alloy = await Endpoint(VerifyArguments.AlloyUrl, StackRole.Collector, s => s.Otlp);

        async Task<Uri?> Otlp(Signal signal, string name, string role, Uri? reader)
        {
            if (Url(argument(name), name) is { } given)
            {
                return given;
            }
            if (!direct)
            {
                return alloy is null ? null : BackendQueries.Combine(alloy, signal.OtlpPath(), "");
            }
            var service = catalog.WithRole(role);
            if (service?.Otlp is not { } otlp)
            {
                return null;
            }
            // The receiver shares the API's port (Loki, Mimir): it lives under the reader's URL.
            var baseUrl =
                otlp.ContainerPort == service.Api?.ContainerPort && reader is not null
                    ? BackendQueries.Combine(reader, otlp.Path, "")
                    : service.HostUrl(otlp, await containers());
            return baseUrl is null ? null : BackendQueries.Combine(baseUrl, signal.OtlpPath(), "");
        }

        return new VerifyEndpoints
        {
            Direct = direct,
            Alloy = alloy,
            Loki = loki,
            Mimir = mimir,
            Tempo = tempo,
            Grafana = grafana,
            OtlpLogs = await Otlp(Signal.Logs, VerifyArguments.OtlpLogsUrl, StackRole.Logs, loki),
            OtlpMetrics = await Otlp(
                Signal.Metrics,
                VerifyArguments.OtlpMetricsUrl,
                StackRole.Metrics,
                mimir
            ),
            OtlpTraces = await Otlp(
                Signal.Traces,
                VerifyArguments.OtlpTracesUrl,
                StackRole.Traces,
                tempo
            ),
        };
    }

    /// <summary>An http(s) URL argument; anything else is a usage error naming the argument.</summary>
    public static Uri? Url(string? text, string argument)
    {
        if (text is null)
        {
            return null;
        }
        return Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new UsageException(
                $"--{argument} takes an http(s) URL such as http://127.0.0.1:3100, not '{text}'."
            );
    }
}
