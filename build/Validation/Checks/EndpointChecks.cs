using Build.Validation.Model;
using Build.Validation.Reference;
using Build.Validation.River;
using YamlDotNet.RepresentationModel;

namespace Build.Validation.Checks;

/// <summary>Layer 3: every URL between components points at a compose service and a port its container listens on.</summary>
public static class EndpointChecks
{
    public static void Run(StackModel model, ValidationReport report)
    {
        if (model.Services.Count == 0)
        {
            return;
        }
        foreach (var file in model.GrafanaDatasources)
        {
            foreach (var ds in file.Yaml.Get("datasources").Items())
            {
                if (ds.Get("url") is { } url)
                {
                    var target = Check(
                        model,
                        report,
                        file.Path,
                        url.Pos(),
                        url.Str(),
                        $"datasource {ds.Get("uid").Str()}"
                    );
                    if (
                        target == "mimir"
                        && ds.Get("type").Str() == "prometheus"
                        && !PathOf(url.Str()).StartsWith("/prometheus", StringComparison.Ordinal)
                    )
                    {
                        report.Error(
                            file.Path,
                            url.Pos(),
                            $"datasource {ds.Get("uid").Str()}: Mimir serves the Prometheus API under /prometheus, not '{PathOf(url.Str())}'"
                        );
                    }
                }
            }
        }
        foreach (
            var item in model.Tempo?.Yaml.At("metrics_generator", "storage", "remote_write").Items()
                ?? []
        )
        {
            var url = item.Get("url");
            if (
                Check(
                    model,
                    report,
                    model.Tempo!.Path,
                    url?.Pos() ?? item.Pos(),
                    url.Str(),
                    "metrics_generator remote_write"
                ) == "mimir"
                && PathOf(url.Str()) != "/api/v1/push"
            )
            {
                report.Error(
                    model.Tempo.Path,
                    url!.Pos(),
                    $"Mimir's remote-write endpoint is /api/v1/push, not '{PathOf(url.Str())}'"
                );
            }
        }
        if (
            model.Loki?.Yaml.At("pattern_ingester", "metric_aggregation", "loki_address") is
            { } lokiAddress
        )
        {
            Check(
                model,
                report,
                model.Loki.Path,
                lokiAddress.Pos(),
                lokiAddress.Str(),
                "pattern_ingester.metric_aggregation.loki_address"
            );
        }
        foreach (var service in model.Services)
        {
            foreach (var (name, value) in service.Environment)
            {
                if (
                    value is not null
                    && (
                        value.StartsWith("http://", StringComparison.Ordinal)
                        || value.StartsWith("https://", StringComparison.Ordinal)
                    )
                    && !value.Contains("${", StringComparison.Ordinal)
                )
                {
                    var node = service.Node.Get("environment").Get(name);
                    Check(
                        model,
                        report,
                        model.Compose!.Path,
                        node?.Pos() ?? service.Pos,
                        value,
                        $"service {service.Name} {name}"
                    );
                }
            }
        }
        if (model.Alloy?.Alloy is { } body)
        {
            CheckAlloy(model, report, model.Alloy.Path, body);
        }
    }

    private static void CheckAlloy(
        StackModel model,
        ValidationReport report,
        string path,
        RiverBody body
    )
    {
        foreach (var component in body.Blocks())
        {
            foreach (var block in new[] { component }.Concat(component.Body.AllBlocks()))
            {
                foreach (
                    var attribute in block
                        .Body.Statements.OfType<RiverAttribute>()
                        .Where(a => a.Name is "endpoint" or "url")
                )
                {
                    if (
                        component.Name.StartsWith("otelcol.receiver", StringComparison.Ordinal)
                        || attribute.Value.StringValue() is not { } value
                    )
                    {
                        continue;
                    }
                    var target = Check(
                        model,
                        report,
                        path,
                        attribute.Value.Pos,
                        value,
                        component.Id
                    );
                    var otlpHttp = component.Name == "otelcol.exporter.otlphttp";
                    if (
                        otlpHttp
                        && target is "loki" or "mimir"
                        && !PathOf(value).StartsWith("/otlp", StringComparison.Ordinal)
                    )
                    {
                        report.Error(
                            path,
                            attribute.Value.Pos,
                            $"{component.Id}: {target}'s OTLP endpoint is http://{target}:<port>/otlp (the exporter appends /v1/...), not '{value}'"
                        );
                    }
                    if (
                        component.Name == "prometheus.remote_write"
                        && target == "mimir"
                        && PathOf(value) != "/api/v1/push"
                    )
                    {
                        report.Error(
                            path,
                            attribute.Value.Pos,
                            $"{component.Id}: Mimir's remote-write endpoint is /api/v1/push, not '{PathOf(value)}'"
                        );
                    }
                }
            }
            foreach (
                var field in component
                    .Body.AllExpressions()
                    .OfType<RiverObject>()
                    .SelectMany(o => o.Fields)
                    .Where(f => f.Key == "__address__")
            )
            {
                if (field.Value.StringValue() is { } address)
                {
                    Check(model, report, path, field.Value.Pos, address, $"{component.Id} target");
                }
            }
        }
    }

    /// <summary>Checks one URL or host:port; returns the compose service it targets (null when external/unknown).</summary>
    private static string? Check(
        StackModel model,
        ValidationReport report,
        string path,
        Position at,
        string? address,
        string what
    )
    {
        if (
            string.IsNullOrEmpty(address)
            || address.Contains("${", StringComparison.Ordinal)
            || address.Contains("$$", StringComparison.Ordinal)
        )
        {
            return null;
        }
        var withScheme = address.Contains("://", StringComparison.Ordinal)
            ? address
            : "tcp://" + address;
        if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var uri))
        {
            report.Error(path, at, $"{what}: '{address}' is not a valid address");
            return null;
        }
        var host = uri.Host;
        if (host is "localhost" or "127.0.0.1" or "0.0.0.0" || host.Contains('.'))
        {
            return null;
        }
        var service = model.Service(host);
        if (service is null)
        {
            report.Error(
                path,
                at,
                $"{what}: '{host}' is not a service of the compose file{EditDistance.Hint(host, model.Services.Select(s => s.Name))}"
            );
            return null;
        }
        var port =
            uri.IsDefaultPort || uri.Port < 0 ? (uri.Scheme == "https" ? 443 : 80) : uri.Port;
        var ports = ServicePorts.Of(model, service);
        if (ServicePorts.Known(model, service) && !ports.Contains(port))
        {
            report.Error(
                path,
                at,
                $"{what}: {host} listens on {string.Join(", ", ports.Order())} inside the compose network, not on {port}"
            );
        }
        return host;
    }

    private static string PathOf(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? uri.AbsolutePath
            : "";
}
