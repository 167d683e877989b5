using System.Security.Cryptography;
using System.Text;
using Build.Docker;
using Build.Tools;
using Lifecycle.Tests.Support;

namespace Lifecycle.Tests.Docker;

/// <summary>
/// Once for every Docker test: a reachable engine (started here when it is not running and we are root), and the
/// test server image built offline: TestServer published self-contained, a base image from this machine's own
/// libraries (<see cref="OfflineBaseImage"/>), then <c>DOCKER_BUILDKIT=0 docker build</c>. Images are removed after.
/// </summary>
[SetUpFixture]
public sealed class DockerFixture
{
    public static string Image { get; private set; } = "";
    public static DockerCli Docker { get; } = new(new CommandRunner());

    private static string _baseImage = "";

    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        await EnsureEngineAsync();
        var hash = SourceHash();
        var published = await PublishAsync(hash);
        // Tags unique to this run: another run's teardown (e.g. a parallel ./build.sh --target=Test) never removes ours.
        var run = $"{hash}-{Environment.ProcessId}";
        _baseImage = $"lifecycle-tests-base:{run}";
        Image = $"lifecycle-tests-server:{run}";
        await new OfflineBaseImage(Docker).EnsureAsync(_baseImage, [published]);
        var context = Directory.CreateTempSubdirectory("lifecycle-image-").FullName;
        try
        {
            File.Copy(published, Path.Combine(context, "TestServer"));
            File.WriteAllText(
                Path.Combine(context, "Dockerfile"),
                $"FROM {_baseImage}\nCOPY TestServer /app/TestServer\nUSER 10001:10001\nENTRYPOINT [\"/app/TestServer\"]\n"
            );
            var build = await Docker.Runner.RunAsync(
                Docker.Command("build", "-q", "-t", Image, context) with
                {
                    Environment = new Dictionary<string, string?> { ["DOCKER_BUILDKIT"] = "0" },
                }
            );
            Assert.That(build.ExitCode, Is.EqualTo(0), build.StandardError);
        }
        finally
        {
            Directory.Delete(context, recursive: true);
        }
    }

    [OneTimeTearDown]
    public async Task TearDownAsync()
    {
        if (Image.Length > 0)
        {
            await Docker.Runner.RunAsync(Docker.Command("rmi", "--force", Image, _baseImage));
        }
    }

    private static async Task EnsureEngineAsync()
    {
        if (ExecutableSearch.OnPath("docker") is null)
        {
            Assert.Ignore(
                "No docker CLI on this machine (install docker.io): the Docker tests cannot run."
            );
        }
        if ((await Docker.Runner.RunAsync(Docker.Command("info"))).Succeeded)
        {
            return;
        }
        if (!DataDirectories.IsRoot || ExecutableSearch.OnPath("dockerd") is null)
        {
            Assert.Ignore(
                "The Docker engine is not running and cannot be started here (needs root and dockerd)."
            );
        }
        // Started detached on purpose: it outlives the tests like a system service would.
        var log = Path.Combine(Path.GetTempPath(), "lifecycle-tests-dockerd.log");
        await Docker.Runner.RunAsync(new CommandSpec("sh", ["-c", $"nohup dockerd >{log} 2>&1 &"]));
        for (var i = 0; i < 60; i++)
        {
            await Task.Delay(500);
            if ((await Docker.Runner.RunAsync(Docker.Command("info"))).Succeeded)
            {
                return;
            }
        }
        Assert.Ignore($"dockerd did not answer within 30 s (see {log}).");
    }

    private static string SourceHash()
    {
        var text = string.Concat(
            Directory
                .GetFiles(TestPaths.TestServer, "*.cs*")
                .Order()
                .Select(f => File.ReadAllText(f))
        );
        return Convert
            .ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12]
            .ToLowerInvariant();
    }

    /// <summary>Publishes the test server once per source version (cached in the temp folder: ~30 s the first time).</summary>
    private static async Task<string> PublishAsync(string hash)
    {
        var output = Path.Combine(
            Path.GetTempPath(),
            "lifecycle-tests-cache",
            "testserver-" + hash
        );
        var binary = Path.Combine(output, "TestServer");
        if (File.Exists(binary))
        {
            return binary;
        }
        var staging = $"{output}.tmp-{Environment.ProcessId}";
        var publish = await Docker.Runner.RunAsync(
            new CommandSpec(
                "dotnet",
                [
                    "publish",
                    Path.Combine(TestPaths.TestServer, "TestServer.csproj"),
                    "-c",
                    "Release",
                    "-o",
                    staging,
                    "--nologo",
                    "-v",
                    "q",
                ]
            )
        );
        Assert.That(
            publish.ExitCode,
            Is.EqualTo(0),
            publish.StandardOutput + publish.StandardError
        );
        // Published aside, then moved in one step: a parallel run never sees a half-written binary.
        try
        {
            Directory.Move(staging, output);
        }
        catch (IOException) when (File.Exists(binary))
        {
            Directory.Delete(staging, recursive: true);
        }
        return binary;
    }
}
