using Build.Host;
using Build.Tools;

namespace Build.Docker;

/// <summary>Which compose implementation drives the stack.</summary>
public enum ComposeFlavor
{
    /// <summary>The Docker CLI plugin: <c>docker compose</c>.</summary>
    V2,

    /// <summary>The Python <c>docker-compose</c> 1.29.</summary>
    V1,
}

/// <summary>
/// Docker Compose v2 (<c>docker compose</c>) or docker-compose 1.29, whichever exists (v2 preferred), always
/// with a fixed project name, the stack's compose file and its directory as project directory.
/// Commands are returned as <see cref="CommandSpec"/>s so the secrets runner can wrap them
/// (<c>infisical run ... -- docker compose ...</c>).
/// </summary>
public sealed class ComposeCli
{
    private readonly string[] _prefix;

    private ComposeCli(ComposeFlavor flavor, string[] prefix, string project, string composeFile)
    {
        Flavor = flavor;
        _prefix = prefix;
        Project = project;
        ComposeFile = composeFile;
    }

    public ComposeFlavor Flavor { get; }
    public string Project { get; }
    public string ComposeFile { get; }

    /// <summary>Finds compose: <c>docker compose version</c> first, then <c>docker-compose</c> on PATH.</summary>
    public static async Task<ComposeCli> DetectAsync(
        CommandRunner runner,
        string project,
        string composeFile,
        CancellationToken cancellation
    ) =>
        await TryDetectAsync(runner, project, composeFile, cancellation)
        ?? throw new BuildException(
            "Docker Compose is not installed: install the compose plugin (docker compose) or docker-compose (Debian: apt-get install docker-compose)."
        );

    /// <summary>As <see cref="DetectAsync"/>, null when neither is installed (Validate then skips its compose check).</summary>
    public static async Task<ComposeCli?> TryDetectAsync(
        CommandRunner runner,
        string project,
        string composeFile,
        CancellationToken cancellation
    )
    {
        // Found on PATH, run by name: the command line the user reads (and Infisical wraps) says docker / docker-compose.
        if (ExecutableSearch.OnPath("docker") is not null)
        {
            var v2 = await runner.RunAsync(
                new CommandSpec("docker", ["compose", "version"])
                {
                    Timeout = TimeSpan.FromSeconds(10),
                },
                cancellation
            );
            if (v2.Succeeded)
            {
                return new ComposeCli(
                    ComposeFlavor.V2,
                    ["docker", "compose"],
                    project,
                    composeFile
                );
            }
        }
        // Found on PATH is enough: running `docker-compose version` costs a Python start (~0.5 s) on every target,
        // and a broken install fails the compose command itself with its own message.
        return ExecutableSearch.OnPath("docker-compose") is not null
            ? new ComposeCli(ComposeFlavor.V1, ["docker-compose"], project, composeFile)
            : null;
    }

    /// <summary>A compose command with the fixed project options in front of <paramref name="arguments"/>.</summary>
    public CommandSpec Command(params string[] arguments) =>
        new(
            _prefix[0],
            [
                .. _prefix.Skip(1),
                "--project-name",
                Project,
                "--file",
                ComposeFile,
                "--project-directory",
                Path.GetDirectoryName(ComposeFile)!,
                .. arguments,
            ]
        )
        {
            WorkingDirectory = Path.GetDirectoryName(ComposeFile),
        };

    /// <summary><c>up -d</c> for the whole stack, or only <paramref name="services"/> with <c>--no-deps</c>.</summary>
    public CommandSpec Up(IReadOnlyList<string> services) =>
        services.Count == 0
            ? Command("up", "--detach", "--remove-orphans")
            : Command(["up", "--detach", "--no-deps", .. services]);
}
