using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Build.Validation.Model;

/// <summary>
/// A published port: <c>[ip:][host:]container</c> (short form) or the long form. As written when Validate reads
/// the file; interpolated when the lifecycle reads it (<see cref="Build.Docker.ComposeFile"/>).
/// </summary>
public sealed record ComposePort(
    string Service,
    string? HostIp,
    string? HostPort,
    int? ContainerPort,
    string Raw,
    Position Pos
)
{
    /// <summary>The host port when it is a number (interpolated files), else null (not published on a fixed port).</summary>
    public int? Published =>
        int.TryParse(HostPort, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? port
            : null;

    /// <summary>The host address it binds: <c>0.0.0.0</c> when none is written.</summary>
    public string BindAddress => string.IsNullOrEmpty(HostIp) ? "0.0.0.0" : HostIp.Trim('[', ']');
}

/// <summary>A volume: bind mount (source is a path) or named volume.</summary>
public sealed record ComposeVolume(string Source, string Target, bool IsBind, Position Pos);

/// <summary>
/// One compose service, the one model of the build: Validate's checks read it as written (with positions), the
/// lifecycle reads it interpolated (ports, binds, user, labels).
/// </summary>
public sealed class ComposeService
{
    public required string Name { get; init; }
    public required YamlNode Node { get; init; }
    public required Position Pos { get; init; }

    /// <summary>The compose file's folder: relative bind sources start there.</summary>
    public string Directory { get; init; } = "";
    public string? Image { get; init; }
    public string? User { get; init; }
    public List<ComposePort> Ports { get; } = [];
    public List<int> Expose { get; } = [];
    public List<ComposeVolume> Volumes { get; } = [];
    public List<string> Command { get; } = [];

    /// <summary><c>environment:</c> as written, never interpolated; null for a pass-through entry (<c>- NAME</c>).</summary>
    public Dictionary<string, string?> Environment { get; } = [];
    public List<(string Path, Position Pos)> EnvFiles { get; } = [];
    public Dictionary<string, string> Labels { get; } = new(StringComparer.Ordinal);
    public YamlNode? Healthcheck { get; init; }
    public Dictionary<string, (string? Condition, Position Pos)> DependsOn { get; } = [];

    /// <summary>Each container variable's template: a pass-through entry reads <c>${NAME}</c>.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentTemplates =>
        Environment.ToDictionary(
            e => e.Key,
            e => e.Value ?? "${" + e.Key + "}",
            StringComparer.Ordinal
        );

    /// <summary>Bind mounts of a host path (<c>./x</c> or <c>/x</c>), with the full host path.</summary>
    public IEnumerable<(string HostPath, string ContainerPath)> Binds =>
        Volumes
            .Where(v => v.IsBind && (v.Source.StartsWith('.') || v.Source.StartsWith('/')))
            .Select(v => (Path.GetFullPath(Path.Combine(Directory, v.Source)), v.Target));

    /// <summary>Value of a <c>-flag=value</c> / <c>--flag=value</c> / <c>-flag value</c> command argument.</summary>
    public string? Flag(string name)
    {
        for (var i = 0; i < Command.Count; i++)
        {
            var arg = Command[i].TrimStart('-');
            if (!Command[i].StartsWith('-'))
            {
                continue;
            }
            if (arg.StartsWith(name + "=", StringComparison.Ordinal))
            {
                return arg[(name.Length + 1)..];
            }
            if (arg == name)
            {
                return i + 1 < Command.Count && !Command[i + 1].StartsWith('-')
                    ? Command[i + 1]
                    : "true";
            }
        }
        return null;
    }

    /// <summary>Maps a path inside the container to the host path of a bind mount (null if not mounted).</summary>
    public string? HostPath(string containerPath, string composeDirectory)
    {
        var best = Volumes
            .Where(v =>
                v.IsBind
                && (
                    containerPath == v.Target
                    || containerPath.StartsWith(
                        v.Target.TrimEnd('/') + "/",
                        StringComparison.Ordinal
                    )
                )
            )
            .OrderByDescending(v => v.Target.Length)
            .FirstOrDefault();
        if (best is null)
        {
            return null;
        }
        var rest = containerPath[best.Target.TrimEnd('/').Length..].TrimStart('/');
        var source = Path.GetFullPath(Path.Combine(composeDirectory, best.Source));
        return rest.Length == 0 ? source : Path.Combine(source, rest);
    }
}
