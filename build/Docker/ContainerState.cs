using System.Globalization;
using System.Text.Json;
using Build.Tools;

namespace Build.Docker;

/// <summary>One published port of a container: host address and port onto a container port.</summary>
public sealed record PublishedPort(string HostIp, int HostPort, int ContainerPort, string Protocol)
{
    public override string ToString() => $"{HostIp}:{HostPort}->{ContainerPort}/{Protocol}";
}

/// <summary>A container of the compose project, as the Docker engine reports it (<c>docker inspect</c>).</summary>
public sealed record ContainerState(
    string Id,
    string Name,
    string Service,
    string Status,
    string? Health,
    int ExitCode,
    int RestartCount,
    DateTimeOffset? StartedAt,
    IReadOnlyList<PublishedPort> Ports
)
{
    public bool IsRunning => Status is "running";

    /// <summary>The compose project label (empty for a container not started by compose).</summary>
    public string Project { get; init; } = "";

    /// <summary>Host paths mounted into the container (bind mounts and volumes' host folders).</summary>
    public IReadOnlyList<string> MountSources { get; init; } = [];

    /// <summary>True when a mount's host path is <paramref name="directory"/> or lies under it.</summary>
    public bool Mounts(string directory) =>
        MountSources.Any(source => FilePaths.IsInside(directory, source));

    /// <summary>Parses the JSON array printed by <c>docker inspect</c>.</summary>
    public static IReadOnlyList<ContainerState> ParseInspect(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Select(Parse).ToArray();
    }

    private static ContainerState Parse(JsonElement c)
    {
        var state = c.GetProperty("State");
        string? health =
            state.TryGetProperty("Health", out var h) && h.ValueKind == JsonValueKind.Object
                ? h.GetProperty("Status").GetString()
                : null;
        var labels =
            c.GetProperty("Config").TryGetProperty("Labels", out var l)
            && l.ValueKind == JsonValueKind.Object
                ? l
                : default;
        string Label(string name) =>
            labels.ValueKind == JsonValueKind.Object && labels.TryGetProperty(name, out var value)
                ? value.GetString() ?? ""
                : "";
        var service = Label(DockerCli.ServiceLabel);
        DateTimeOffset? started =
            DateTimeOffset.TryParse(
                state.GetProperty("StartedAt").GetString(),
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal,
                out var at
            )
            && at.Year > 1
                ? at
                : null;
        return new ContainerState(
            c.GetProperty("Id").GetString() ?? "",
            (c.GetProperty("Name").GetString() ?? "").TrimStart('/'),
            service,
            state.GetProperty("Status").GetString() ?? "unknown",
            health,
            state.GetProperty("ExitCode").GetInt32(),
            c.TryGetProperty("RestartCount", out var rc) ? rc.GetInt32() : 0,
            started,
            ParsePorts(c)
        )
        {
            Project = Label(DockerCli.ProjectLabel),
            MountSources =
                c.TryGetProperty("Mounts", out var mounts)
                && mounts.ValueKind == JsonValueKind.Array
                    ? mounts
                        .EnumerateArray()
                        .Select(m =>
                            m.TryGetProperty("Source", out var source) ? source.GetString() : null
                        )
                        .OfType<string>()
                        .Where(source => source.Length > 0)
                        .ToArray()
                    : [],
        };
    }

    private static PublishedPort[] ParsePorts(JsonElement c)
    {
        if (
            !c.TryGetProperty("NetworkSettings", out var net)
            || !net.TryGetProperty("Ports", out var ports)
            || ports.ValueKind != JsonValueKind.Object
        )
        {
            return [];
        }
        var result = new List<PublishedPort>();
        foreach (var port in ports.EnumerateObject())
        {
            if (port.Value.ValueKind != JsonValueKind.Array)
            {
                continue;
            }
            var parts = port.Name.Split('/');
            var containerPort = int.Parse(parts[0], CultureInfo.InvariantCulture);
            var protocol = parts.Length > 1 ? parts[1] : "tcp";
            foreach (var binding in port.Value.EnumerateArray())
            {
                if (
                    int.TryParse(
                        binding.GetProperty("HostPort").GetString(),
                        CultureInfo.InvariantCulture,
                        out var hostPort
                    )
                )
                {
                    result.Add(
                        new PublishedPort(
                            binding.GetProperty("HostIp").GetString() ?? "",
                            hostPort,
                            containerPort,
                            protocol
                        )
                    );
                }
            }
        }
        return result.DistinctBy(p => (p.HostPort, p.ContainerPort, p.Protocol)).ToArray();
    }
}
