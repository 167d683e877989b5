using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Build.Tools;
using Build.Validation.Model;

namespace Build.Docker;

/// <summary>A published port that cannot be bound, with who holds it when that can be found out.</summary>
public sealed record PortConflict(ComposePort Port, string? Holder)
{
    public override string ToString() =>
        $"port {Port.Published} ({Port.Service}) is already in use{(Holder is null ? "" : " by " + Holder)}";
}

/// <summary>Preflight of <c>Up</c>: every published port must be free or held by this project's own container.</summary>
public static partial class PortCheck
{
    public static async Task<IReadOnlyList<PortConflict>> FindConflictsAsync(
        IEnumerable<ComposePort> ports,
        IReadOnlyList<ContainerState> ownContainers,
        DockerCli docker,
        CancellationToken cancellation
    )
    {
        var owned = ownContainers
            .Where(c => c.IsRunning)
            .SelectMany(c => c.Ports)
            .Select(p => p.HostPort)
            .ToHashSet();
        var conflicts = new List<PortConflict>();
        foreach (var port in ports.Where(p => p.Published is { } host && !owned.Contains(host)))
        {
            if (!IsFree(port))
            {
                conflicts.Add(
                    new PortConflict(
                        port,
                        await FindHolderAsync(port.Published!.Value, docker, cancellation)
                    )
                );
            }
        }
        return conflicts;
    }

    /// <summary>True when the port can be bound on its address (what Docker's proxy will need).</summary>
    public static bool IsFree(ComposePort port)
    {
        var address = IPAddress.TryParse(port.BindAddress, out var ip) ? ip : IPAddress.Any;
        try
        {
            using var socket = new Socket(
                address.AddressFamily,
                SocketType.Stream,
                ProtocolType.Tcp
            );
            socket.Bind(new IPEndPoint(address, port.Published!.Value));
            socket.Listen();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task<string?> FindHolderAsync(
        int port,
        DockerCli docker,
        CancellationToken cancellation
    )
    {
        var containers = await docker.Runner.RunAsync(
            docker.Command("ps", "--format", "{{.Names}}\t{{.Ports}}"),
            cancellation
        );
        if (containers.Succeeded)
        {
            foreach (
                var line in containers.StandardOutput.Split(
                    '\n',
                    StringSplitOptions.RemoveEmptyEntries
                )
            )
            {
                var parts = line.Split('\t');
                if (parts.Length == 2 && Regex.IsMatch(parts[1], $@"[:\]]{port}->"))
                {
                    return $"container {parts[0]}";
                }
            }
        }
        if (ExecutableSearch.OnPath("ss") is null)
        {
            return null;
        }
        var ss = await docker.Runner.RunAsync(
            new CommandSpec("ss", ["-Hltnp", $"sport = :{port}"]),
            cancellation
        );
        var match = ProcessPattern().Match(ss.StandardOutput);
        return match.Success
            ? $"process {match.Groups[1].Value} (pid {match.Groups[2].Value})"
            : null;
    }

    [GeneratedRegex("users:\\(\\(\"([^\"]+)\",pid=(\\d+)")]
    private static partial Regex ProcessPattern();
}
