using Build.Validation.Model;
using Build.Validation.River;

namespace Build.Validation.Checks;

/// <summary>The ports each compose service's container really listens on, from the component configs.</summary>
public static class ServicePorts
{
    /// <summary>False when the service's own config did not parse: its ports are then unknown, not wrong.</summary>
    public static bool Known(StackModel model, ComposeService service) =>
        service.Name is not ("loki" or "mimir" or "tempo" or "alloy")
        || !model.HasUnparsed($"config/{service.Name}/");

    public static HashSet<int> Of(StackModel model, ComposeService service)
    {
        var ports = new HashSet<int>(service.Expose);
        switch (service.Name)
        {
            case "loki":
                ports.Add(Port(model.Loki?.Yaml.At("server", "http_listen_port").Str(), 3100));
                ports.Add(Port(model.Loki?.Yaml.At("server", "grpc_listen_port").Str(), 9095));
                break;
            case "mimir":
                ports.Add(MimirChecks.HttpPort(model));
                ports.Add(Port(model.Mimir?.Yaml.At("server", "grpc_listen_port").Str(), 9095));
                break;
            case "tempo":
                ports.Add(Port(model.Tempo?.Yaml.At("server", "http_listen_port").Str(), 3200));
                ports.Add(Port(model.Tempo?.Yaml.At("server", "grpc_listen_port").Str(), 9095));
                foreach (
                    var (protocol, settings) in model
                        .Tempo?.Yaml.At("distributor", "receivers", "otlp", "protocols")
                        .Entries()
                        ?? []
                )
                {
                    ports.Add(
                        Port(
                            settings.Get("endpoint").Str()?.Split(':')[^1],
                            protocol.Value == "grpc" ? 4317 : 4318
                        )
                    );
                }
                break;
            case "alloy":
                ports.Add(Port(service.Flag("server.http.listen-addr")?.Split(':')[^1], 12345));
                foreach (
                    var (_, protocol) in AlloyChecks.OtlpProtocols(
                        model.Alloy?.Alloy?.Blocks() ?? []
                    )
                )
                {
                    var endpoint = protocol.Body.Attribute("endpoint")?.Value.StringValue();
                    ports.Add(
                        Port(endpoint?.Split(':')[^1], protocol.Name == "grpc" ? 4317 : 4318)
                    );
                }
                break;
            case "grafana":
                ports.Add(Port(service.Environment.GetValueOrDefault("GF_SERVER_HTTP_PORT"), 3000));
                break;
            default:
                foreach (var port in service.Ports)
                {
                    if (port.ContainerPort is { } p)
                    {
                        ports.Add(p);
                    }
                }
                break;
        }
        return ports;
    }

    private static int Port(string? text, int fallback) =>
        int.TryParse(text, out var p) ? p : fallback;
}
