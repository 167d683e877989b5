using Build.Host;

namespace Build.Rules.Tools;

/// <summary>
/// Finds a rule tool: the explicit path argument, then the binary on PATH, then the official image through
/// Docker (when an engine answers and the image is present or pullable).
/// </summary>
/// <param name="pathVariable">The PATH to search (the process's PATH in the build; a chosen one in tests).</param>
/// <param name="mounts">Host folders the tool must read (rule and test files); Docker mounts them read-only at the same path.</param>
public sealed class ToolResolver(string? pathVariable, IReadOnlyList<string> mounts)
{
    public ToolResolution Resolve(RuleTool tool, string? explicitPath)
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
        if (!probe.ImageAvailable(tool.Image))
        {
            return new ToolResolution(
                tool,
                null,
                $"not on PATH, and {tool.Image} is neither present nor pullable"
            );
        }
        return Found(tool, ToolSource.Docker, docker, DockerRunPrefix(tool));
    }

    private List<string> DockerRunPrefix(RuleTool tool)
    {
        var prefix = new List<string> { "run", "--rm", "--network", "none" };
        foreach (var folder in OutermostFolders(mounts))
        {
            prefix.AddRange(["--volume", $"{folder}:{folder}:ro"]);
        }
        prefix.AddRange(["--entrypoint", tool.Entrypoint, tool.Image]);
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
        RuleTool tool,
        ToolSource source,
        string executable,
        IReadOnlyList<string> prefix
    ) => new(tool, new ResolvedTool(tool, source, executable, prefix), null);
}
