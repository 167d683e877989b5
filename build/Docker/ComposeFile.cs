using Build.Host;
using Build.Validation.Model;
using YamlDotNet.RepresentationModel;

namespace Build.Docker;

/// <summary>
/// The stack's compose file as the lifecycle reads it: the one compose model (<see cref="ComposeReader"/>, the
/// same services Validate checks) with compose's interpolation applied from the resolved variables. Read through
/// the same bounded YAML parser as Validate; compose itself stays the judge of validity (Validate).
/// </summary>
public sealed class ComposeFile
{
    private ComposeFile(string path, IReadOnlyList<ComposeService> services)
    {
        Path = path;
        Services = services;
    }

    public string Path { get; }
    public string Directory => System.IO.Path.GetDirectoryName(Path)!;
    public IReadOnlyList<ComposeService> Services { get; }

    public ComposeService? Find(string name) => Services.FirstOrDefault(s => s.Name == name);

    public static ComposeFile Load(string path, Func<string, string?> lookup)
    {
        if (!File.Exists(path))
        {
            throw new BuildException(
                $"Compose file not found: {path} (set --compose-file= or restore stack/docker-compose.yaml)."
            );
        }
        return Parse(File.ReadAllText(path), path, lookup);
    }

    /// <summary>Reads <paramref name="text"/> as the compose file at <paramref name="path"/> (relative binds start at its folder).</summary>
    public static ComposeFile Parse(string text, string path, Func<string, string?> lookup)
    {
        var root = BoundedYamlParser.ReadRoot(text, path);
        if (root is not YamlMappingNode)
        {
            throw new BuildException($"{path}: empty or not a mapping.");
        }
        var full = System.IO.Path.GetFullPath(path);
        var services = ComposeReader.Read(
            root,
            System.IO.Path.GetDirectoryName(full)!,
            value => ComposeInterpolation.Interpolate(value, lookup)
        );
        var unreadable = services
            .SelectMany(s => s.Ports)
            .FirstOrDefault(p => p.HostPort is not null && p.Published is null);
        if (unreadable is not null)
        {
            throw new BuildException(
                $"Service {unreadable.Service}: cannot read published port '{unreadable.Raw}' (expected [ip:]host:container)."
            );
        }
        return new ComposeFile(full, services);
    }
}
