using System.Net;
using System.Net.Sockets;

namespace EndToEnd.Tests.Support;

/// <summary>
/// Everything one test owns, all with a unique name so parallel runs and developers' stacks are never touched:
/// the compose project, the published ports, Caro's image repository (via CARO_IMAGE, which the compose file
/// and CaroImage both read) and the base images. <see cref="CleanUpAsync"/> removes all of it.
/// </summary>
public sealed class E2eRun
{
    public E2eRun(string purpose)
    {
        Id = $"e2e{purpose}{Guid.NewGuid():N}"[..(3 + purpose.Length + 8)];
        ApiPort = FreePort();
        do
        {
            ManagementPort = FreePort();
        } while (ManagementPort == ApiPort);
    }

    public string Id { get; }
    public string Project => Id;
    public int ApiPort { get; }
    public int ManagementPort { get; }
    public string ImageRepository => $"caro-{Id}";
    public string LocalImage => $"{ImageRepository}:local";
    public Uri Api => new($"http://127.0.0.1:{ApiPort}/");

    private readonly List<string> _extraImages = [];

    /// <summary>An image name owned (and removed) by this run.</summary>
    public string OwnedImage(string suffix)
    {
        var name = $"caro-{Id}-{suffix}:host";
        _extraImages.Add(name);
        return name;
    }

    /// <summary>The build run with this test's ports and image name; development secrets only.</summary>
    public BuildScript Build() =>
        new(
            new Dictionary<string, string?>
            {
                ["CARO_IMAGE"] = LocalImage,
                ["CARO_DEMO_PORT"] = ApiPort.ToString(),
                ["CARO_DEMO_MANAGEMENT_PORT"] = ManagementPort.ToString(),
                ["INFISICAL_ENV"] = null,
                ["LGTM_PROJECT_NAME"] = null,
                ["CARO_BASE_IMAGE"] = null,
                ["NO_COLOR"] = "1",
            }
        );

    /// <summary>The arguments every lifecycle call of this run takes.</summary>
    public string[] Lifecycle(string target, params string[] more) =>
        [
            $"--target={target}",
            $"--project-name={Project}",
            "--env=dev",
            "--secrets=local",
            .. more,
        ];

    /// <summary>Removes the project's containers and networks and every image this run made, even after a failure.</summary>
    public async Task CleanUpAsync()
    {
        var docker = Engine.Docker;
        await docker.RemoveProjectAsync(Project, CancellationToken.None);
        var tags = await docker.Runner.RunAsync(
            docker.Command("image", "ls", ImageRepository, "--format", "{{.Repository}}:{{.Tag}}")
        );
        var images = tags
            .StandardOutput.Split(
                '\n',
                StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries
            )
            .Concat(_extraImages)
            .ToArray();
        if (images.Length > 0)
        {
            await docker.Runner.RunAsync(docker.Command(["rmi", "--force", .. images]));
        }
    }

    /// <summary>What is left of this run on the engine (containers, networks, images), for the no-leftovers check.</summary>
    public async Task<string> LeftoversAsync()
    {
        var docker = Engine.Docker;
        var filter = $"label=com.docker.compose.project={Project}";
        var containers = await docker.Runner.RunAsync(
            docker.Command("ps", "-aq", "--filter", filter)
        );
        var networks = await docker.Runner.RunAsync(
            docker.Command("network", "ls", "-q", "--filter", filter)
        );
        var images = await docker.Runner.RunAsync(
            docker.Command("image", "ls", "-q", ImageRepository)
        );
        return (containers.StandardOutput + networks.StandardOutput + images.StandardOutput).Trim();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
