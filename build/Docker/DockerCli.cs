using Build.Host;
using Build.Tools;

namespace Build.Docker;

/// <summary>
/// The docker CLI, typed: engine reachability, the project's containers (by compose labels, which both
/// compose v1 and v2 set), logs, stop/remove. Compose itself is driven by <see cref="ComposeCli"/>.
/// </summary>
public sealed class DockerCli(CommandRunner runner, string executable = "docker")
{
    public const string ProjectLabel = "com.docker.compose.project";
    public const string ServiceLabel = "com.docker.compose.service";

    public CommandRunner Runner => runner;
    public string Executable => executable;

    public CommandSpec Command(params string[] arguments) => new(executable, arguments);

    /// <summary>Fails with one line when the docker CLI is missing or the engine does not answer.</summary>
    public async Task EnsureEngineAsync(CancellationToken cancellation)
    {
        if (ExecutableSearch.OnPath(executable) is not { } cli)
        {
            throw new BuildException(
                "The docker CLI is not installed: install Docker (Debian: apt-get install docker.io) and run the target again."
            );
        }
        if (!await new DockerProbe(cli).EngineAnswersAsync(cancellation))
        {
            throw new BuildException(
                "The Docker engine is not reachable: start Docker (systemctl start docker, or dockerd &) and run the target again."
            );
        }
    }

    /// <summary>The image present, else pulled; else one line saying why (<see cref="DockerProbe"/>).</summary>
    public Task<ImageState> EnsureImageAsync(
        string image,
        Action<string>? pulling,
        CancellationToken cancellation
    ) =>
        new DockerProbe(ExecutableSearch.OnPath(executable) ?? executable).ImageAsync(
            image,
            offline: false,
            pulling,
            cancellation
        );

    /// <summary>Every container of compose project <paramref name="project"/> (running or not).</summary>
    public async Task<IReadOnlyList<ContainerState>> ProjectContainersAsync(
        string project,
        CancellationToken cancellation
    )
    {
        var ids = await IdsAsync(
            ["ps", "-aq", "--no-trunc", "--filter", $"label={ProjectLabel}={project}"],
            cancellation
        );
        return await InspectAsync(ids, cancellation);
    }

    /// <summary>
    /// Every container of the engine, running or not, that mounts <paramref name="directory"/> or a path under it
    /// (whatever its project: a stack started with another project name shares the same data folder).
    /// </summary>
    public async Task<IReadOnlyList<ContainerState>> ContainersMountingAsync(
        string directory,
        CancellationToken cancellation
    )
    {
        var all = await InspectAsync(
            await IdsAsync(["ps", "-aq", "--no-trunc"], cancellation),
            cancellation
        );
        var real = FilePaths.RealPath(directory);
        return all.Where(c => c.Mounts(directory) || (real is not null && c.Mounts(real)))
            .ToArray();
    }

    public async Task<IReadOnlyList<ContainerState>> InspectAsync(
        IReadOnlyList<string> ids,
        CancellationToken cancellation
    )
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var result = await runner.RunAsync(Command(["inspect", .. ids]), cancellation);
        if (!result.Succeeded)
        {
            // A container removed between ps and inspect: inspect the survivors one by one.
            if (ids.Count == 1)
            {
                return [];
            }
            var survivors = new List<ContainerState>();
            foreach (var id in ids)
            {
                survivors.AddRange(await InspectAsync([id], cancellation));
            }
            return survivors;
        }
        return ContainerState
            .ParseInspect(result.StandardOutput)
            .OrderBy(c => c.Service, StringComparer.Ordinal)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>
    /// Each container's environment (id → name → value) as the engine holds it. It contains secrets: kept in memory,
    /// never logged (the command runs without output callbacks).
    /// </summary>
    public async Task<
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>
    > EnvironmentsAsync(IReadOnlyList<string> ids, CancellationToken cancellation)
    {
        var environments = new Dictionary<string, IReadOnlyDictionary<string, string>>(
            StringComparer.Ordinal
        );
        foreach (var id in ids)
        {
            var result = await runner.RunAsync(
                Command("inspect", "--format", "{{json .Config.Env}}", id),
                cancellation
            );
            if (!result.Succeeded)
            {
                continue; // removed meanwhile
            }
            var pairs =
                System.Text.Json.JsonSerializer.Deserialize<string[]>(result.StandardOutput) ?? [];
            environments[id] = pairs
                .Select(p => p.Split('=', 2))
                .GroupBy(p => p[0], StringComparer.Ordinal)
                .ToDictionary(
                    g => g.Key,
                    g => g.Last().ElementAtOrDefault(1) ?? "",
                    StringComparer.Ordinal
                );
        }
        return environments;
    }

    /// <summary>The last <paramref name="tail"/> lines a container printed (stdout and stderr).</summary>
    public async Task<IReadOnlyList<string>> TailLogsAsync(
        string container,
        int tail,
        CancellationToken cancellation
    )
    {
        var result = await runner.RunAsync(
            Command("logs", "--tail", tail.ToString(), container),
            cancellation
        );
        return (result.StandardOutput + result.StandardError)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .TakeLast(tail)
            .ToArray();
    }

    /// <summary>Stops and removes the project's containers, then its networks (what compose down does); data stays.</summary>
    public async Task<(int Containers, int Networks)> RemoveProjectAsync(
        string project,
        CancellationToken cancellation
    )
    {
        var filter = $"label={ProjectLabel}={project}";
        var containers = await IdsAsync(
            ["ps", "-aq", "--no-trunc", "--filter", filter],
            cancellation
        );
        if (containers.Count > 0)
        {
            await CheckedAsync(["stop", "--time", "10", .. containers], cancellation);
            await CheckedAsync(["rm", "--force", .. containers], cancellation);
        }
        var networks = await IdsAsync(
            ["network", "ls", "-q", "--no-trunc", "--filter", filter],
            cancellation
        );
        if (networks.Count > 0)
        {
            await CheckedAsync(["network", "rm", .. networks], cancellation);
        }
        return (containers.Count, networks.Count);
    }

    public async Task<bool> ImageExistsAsync(string image, CancellationToken cancellation) =>
        (
            await runner.RunAsync(
                Command("image", "inspect", "--format", "{{.Id}}", image),
                cancellation
            )
        ).Succeeded;

    private async Task<IReadOnlyList<string>> IdsAsync(
        string[] arguments,
        CancellationToken cancellation
    )
    {
        var result = await CheckedAsync(arguments, cancellation);
        return result.StandardOutput.Split(
            '\n',
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries
        );
    }

    private async Task<ProcessResult> CheckedAsync(
        string[] arguments,
        CancellationToken cancellation
    )
    {
        var spec = Command(arguments);
        var result = await runner.RunAsync(spec, cancellation);
        if (!result.Succeeded)
        {
            throw new BuildException(
                $"'{spec}' failed (exit {result.ExitCode}): {result.LastLines()}"
            );
        }
        return result;
    }
}
