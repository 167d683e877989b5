using Build.Host;

namespace Build.Tools;

/// <summary>A host path the tool reads, and where the container sees it (always read-only).</summary>
public sealed record Mount(string Host, string Container)
{
    /// <summary>Each folder at the same path in the container, minus those already inside another one.</summary>
    public static IReadOnlyList<Mount> SamePath(IEnumerable<string> folders) =>
        [.. ToolResolver.OutermostFolders(folders).Select(f => new Mount(f, f))];
}

/// <summary>
/// Finds a tool (TestRules' promtool and mimirtool, Validate's engines): the explicit path argument, then the
/// binary on PATH, then the pinned image through Docker, pulled when it is missing (unless offline).
/// </summary>
/// <param name="pathVariable">The PATH to search (the process's PATH in the build; a chosen one in tests).</param>
/// <param name="mounts">What the tool reads; Docker mounts each read-only, without network.</param>
/// <param name="offline">Never pull a missing image.</param>
/// <param name="environmentNames">Variables the container receives from the docker CLI's environment (<c>-e NAME</c>: values stay out of argv).</param>
public sealed class ToolResolver(
    string? pathVariable,
    IReadOnlyList<Mount> mounts,
    bool offline = false,
    IReadOnlyCollection<string>? environmentNames = null
)
{
    public ToolResolution Resolve(ExternalTool tool, string? explicitPath)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            var full = Path.GetFullPath(explicitPath);
            if (!ExecutableSearch.IsExecutable(full))
            {
                throw new UsageException(
                    $"--{tool.ArgumentName}={explicitPath}: no executable file there; point it at the {tool.Name} binary, or drop the argument to use PATH or Docker."
                );
            }
            return Found(tool, ToolSource.Explicit, full, []);
        }

        if (ExecutableSearch.OnPath(tool.Name, pathVariable) is { } onPath)
        {
            return Found(tool, ToolSource.Path, onPath, []);
        }

        if (tool.Image is null)
        {
            return new ToolResolution(tool, null, "not on PATH, and no image pins it");
        }
        if (ExecutableSearch.OnPath("docker", pathVariable) is not { } docker)
        {
            return new ToolResolution(tool, null, "not on PATH, no docker CLI for " + tool.Image);
        }
        var probe = new DockerProbe(docker);
        if (!probe.EngineAnswers())
        {
            return new ToolResolution(
                tool,
                null,
                "not on PATH, and no Docker engine answers for " + tool.Image
            );
        }
        var image = probe.Image(tool.Image, offline);
        if (!image.Available)
        {
            return new ToolResolution(tool, null, "not on PATH, and " + image.Reason);
        }
        return Found(tool, ToolSource.Docker, docker, DockerRunPrefix(tool, tool.Image));
    }

    private List<string> DockerRunPrefix(ExternalTool tool, string image)
    {
        var prefix = new List<string> { "run", "--rm", "--network", "none" };
        foreach (var mount in mounts)
        {
            prefix.AddRange(["--volume", $"{mount.Host}:{mount.Container}:ro"]);
        }
        foreach (var name in environmentNames ?? [])
        {
            prefix.AddRange(["--env", name]);
        }
        prefix.AddRange(["--entrypoint", tool.Entrypoint, image]);
        return prefix;
    }

    /// <summary>The folders to mount: each given folder, minus those already inside another one.</summary>
    public static IReadOnlyList<string> OutermostFolders(IEnumerable<string> folders)
    {
        var full = folders
            .Select(f => Path.TrimEndingDirectorySeparator(Path.GetFullPath(f)))
            .Distinct()
            .OrderBy(f => f.Length)
            .ToList();
        var kept = new List<string>();
        foreach (var folder in full)
        {
            if (
                !kept.Any(k =>
                    folder.StartsWith(k + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                )
            )
            {
                kept.Add(folder);
            }
        }
        return kept;
    }

    private static ToolResolution Found(
        ExternalTool tool,
        ToolSource source,
        string executable,
        IReadOnlyList<string> prefix
    ) => new(tool, new ResolvedTool(tool, source, executable, prefix), null);
}
