using Build.Validation.Model;
using Build.Validation.Reference;
using Build.Validation.River;

namespace Build.Validation.Checks;

/// <summary>Layer 3: every URL between components points at a compose service and a port its container listens on.</summary>
public sealed class EndpointChecks(StackModel model, ValidationReport report)
{
    private const string RemoteWritePath = "/api/v1/push";

    public static void Run(StackModel model, ValidationReport report)
    {
        if (model.Services.Count > 0)
        {
            new EndpointChecks(model, report).Run();
        }
    }

    private void Run()
    {
        foreach (var file in model.GrafanaDatasources)
        {
            foreach (var ds in file.Yaml.Get("datasources").Items())
            {
                if (ds.Get("url") is not { } url)
                {
                    continue;
                }
                var what = $"datasource {ds.Get("uid").Str()}";
                if (
                    Check(file.Path, url.Pos(), url.Str(), what) == "mimir"
                    && ds.Get("type").Str() == "prometheus"
                    && !PathOf(url.Str()).StartsWith("/prometheus", StringComparison.Ordinal)
                )
                {
                    report.Error(
                        file.Path,
                        url.Pos(),
                        $"{what}: Mimir serves the Prometheus API under /prometheus, not '{PathOf(url.Str())}'"
                    );
                }
            }
        }
        foreach (
            var item in model.Tempo?.Yaml.At("metrics_generator", "storage", "remote_write").Items()
                ?? []
        )
        {
            var url = item.Get("url");
            RemoteWrite(
                model.Tempo!.Path,
                url?.Pos() ?? item.Pos(),
                url.Str(),
                "",
                "metrics_generator remote_write"
            );
        }
        if (
            model.Loki?.Yaml.At("pattern_ingester", "metric_aggregation", "loki_address") is
            { } lokiAddress
        )
        {
            Check(
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
            CheckAlloy(model.Alloy.Path, body);
        }
    }

    private void CheckAlloy(string path, RiverBody body)
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
                    var at = attribute.Value.Pos;
                    if (component.Name == "prometheus.remote_write")
                    {
                        RemoteWrite(path, at, value, $"{component.Id}: ", component.Id);
                        continue;
                    }
                    var target = Check(path, at, value, component.Id);
                    if (
                        component.Name == "otelcol.exporter.otlphttp"
                        && target is "loki" or "mimir"
                        && !PathOf(value).StartsWith("/otlp", StringComparison.Ordinal)
                    )
                    {
                        report.Error(
                            path,
                            at,
                            $"{component.Id}: {target}'s OTLP endpoint is http://{target}:<port>/otlp (the exporter appends /v1/...), not '{value}'"
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
                    Check(path, field.Value.Pos, address, $"{component.Id} target");
                }
            }
        }
    }

    /// <summary>A remote-write URL: when it targets Mimir, its path must be Mimir's push endpoint.</summary>
    private void RemoteWrite(string path, Position at, string? url, string prefix, string what)
    {
        if (Check(path, at, url, what) == "mimir" && PathOf(url) != RemoteWritePath)
        {
            report.Error(
                path,
                at,
                $"{prefix}Mimir's remote-write endpoint is {RemoteWritePath}, not '{PathOf(url)}'"
            );
        }
    }

    /// <summary>Checks one URL or host:port; returns the compose service it targets (null when external/unknown).</summary>
    private string? Check(string path, Position at, string? address, string what)
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
