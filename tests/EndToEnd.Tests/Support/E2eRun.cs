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

    /// <summary>An image name owned (and removed) by this run: it starts with <see cref="ImageRepository"/>.</summary>
    public string OwnedImage(string suffix) => $"{ImageRepository}-{suffix}:host";

    /// <summary>The build run with this test's ports and image name (and <paramref name="overrides"/>).</summary>
    public BuildScript Build(params (string Name, string? Value)[] overrides)
    {
        var environment = new Dictionary<string, string?>
        {
            ["CARO_IMAGE"] = LocalImage,
            ["CARO_DEMO_PORT"] = ApiPort.ToString(),
            ["CARO_DEMO_MANAGEMENT_PORT"] = ManagementPort.ToString(),
            ["INFISICAL_ENV"] = null,
            ["LGTM_PROJECT_NAME"] = null,
            ["CARO_BASE_IMAGE"] = null,
            ["NO_COLOR"] = "1",
        };
        foreach (var (name, value) in overrides)
        {
            environment[name] = value;
        }
        return new BuildScript(environment);
    }

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
        await Engine.Docker.RemoveProjectAsync(Project, CancellationToken.None);
        var images = await OwnImagesAsync();
        if (images.Count > 0)
        {
            await Engine.Docker.Runner.RunAsync(
                Engine.Docker.Command(["rmi", "--force", .. images])
            );
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
        var images = await OwnImagesAsync();
        return (
            containers.StandardOutput + networks.StandardOutput + string.Join(' ', images)
        ).Trim();
    }

    /// <summary>Every image whose repository starts with this run's prefix (Caro's image, bases, variants).</summary>
    private async Task<IReadOnlyList<string>> OwnImagesAsync()
    {
        var list = await Engine.Docker.Runner.RunAsync(
            Engine.Docker.Command("image", "ls", "--format", "{{.Repository}}:{{.Tag}}")
        );
        return list
            .StandardOutput.Split(
                '\n',
                StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries
            )
            .Where(i =>
                i.StartsWith(ImageRepository + ":", StringComparison.Ordinal)
                || i.StartsWith(ImageRepository + "-", StringComparison.Ordinal)
            )
            .ToArray();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
