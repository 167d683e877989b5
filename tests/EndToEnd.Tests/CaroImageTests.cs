using System.Text.Json;
using Build.Docker;
using Build.Tools;
using EndToEnd.Tests.Support;

namespace EndToEnd.Tests;

/// <summary>
/// CaroImage on its own: what the image is (non-root, Caro's own healthcheck, its GC budget, OCI labels, the two tags), that an
/// unchanged rebuild is skipped, and that the Dockerfile builds with the legacy builder and with BuildKit.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class CaroImageTests
{
    private E2eRun _run = null!;
    private string _base = "";

    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        await Engine.RequireAsync();
        _run = new E2eRun("img");
        _base = _run.OwnedImage("base");
        var baseRun = await _run.Build()
            .RunAsync(TimeSpan.FromMinutes(15), "--target=BaseImage", $"--base-image={_base}");
        Assert.That(baseRun.ExitCode, Is.Zero, baseRun.ToString());
    }

    [OneTimeTearDown]
    public async Task TearDownAsync()
    {
        if (_run is not null)
        {
            await _run.CleanUpAsync();
            Assert.That(await _run.LeftoversAsync(), Is.Empty, "images left behind");
        }
    }

    [Test]
    public async Task LegacyBuilderMakesANonRootLabelledImageAndSkipsAnUnchangedRebuild()
    {
        var build = _run.Build(("DOCKER_BUILDKIT", "0"));
        var first = await build.RunAsync(
            TimeSpan.FromMinutes(15),
            "--target=CaroImage",
            $"--base-image={_base}"
        );
        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        Assert.That(first.Output, Does.Contain($"Built {_run.ImageRepository}:"));

        var image = await InspectAsync(_run.LocalImage);
        var revision = await GitRevisionOfCaroAsync();
        Assert.Multiple(() =>
        {
            Assert.That(
                image.GetProperty("Config").GetProperty("User").GetString(),
                Is.EqualTo("1654:1654")
            );
            Assert.That(
                image
                    .GetProperty("Config")
                    .GetProperty("Healthcheck")
                    .GetProperty("Test")
                    .EnumerateArray()
                    .Select(e => e.GetString()),
                Is.EqualTo(new[] { "CMD", "/app/Caro", "healthcheck" })
            );
            // The 64 MB gen0 budget that keeps telemetry's cost within 10 % (bench/caro-load/README.md).
            Assert.That(
                image
                    .GetProperty("Config")
                    .GetProperty("Env")
                    .EnumerateArray()
                    .Select(e => e.GetString()),
                Does.Contain("DOTNET_GCgen0size=0x4000000")
            );
            var labels = image.GetProperty("Config").GetProperty("Labels");
            Assert.That(
                labels.GetProperty("org.opencontainers.image.revision").GetString(),
                Is.EqualTo(revision)
            );
            Assert.That(
                labels.GetProperty("org.opencontainers.image.version").GetString(),
                Does.Match($@"^\d+\.\d+\.\d+\+{revision[..12]}(\.dirty)?$")
            );
            Assert.That(
                labels.GetProperty("org.opencontainers.image.source").GetString(),
                Is.Not.Empty
            );
            Assert.That(
                labels.GetProperty("org.opencontainers.image.base.name").GetString(),
                Is.EqualTo(_base)
            );
            var tags = image
                .GetProperty("RepoTags")
                .EnumerateArray()
                .Select(e => e.GetString() ?? "")
                .ToArray();
            Assert.That(tags, Does.Contain(_run.LocalImage));
            var hashTag = new System.Text.RegularExpressions.Regex(
                $"^{_run.ImageRepository}:[0-9a-f]{{12}}$"
            );
            Assert.That(tags.Count(hashTag.IsMatch), Is.EqualTo(1), string.Join(", ", tags));
        });

        var again = await build.RunAsync(
            TimeSpan.FromMinutes(5),
            "--target=CaroImage",
            $"--base-image={_base}"
        );
        Assert.That(again.ExitCode, Is.Zero, again.ToString());
        Assert.That(
            again.Output,
            Does.Contain("is up to date").And.Contain("nothing to do"),
            "an unchanged rebuild was not skipped"
        );
        Assert.That(
            (await InspectAsync(_run.LocalImage)).GetProperty("Id").GetString(),
            Is.EqualTo(image.GetProperty("Id").GetString())
        );
    }

    [Test]
    public async Task BuildKitBuildsTheSameDockerfile()
    {
        // BuildKit needs the buildx plugin with docker 23+, or a docker 20.10-22 CLI (built-in BuildKit; Debian's is /usr/bin/docker).
        var cli = await BuildKitCliAsync();
        if (cli is null)
        {
            Assert.Ignore(
                "No docker CLI here can build with BuildKit (no buildx plugin, no docker 20.10-22 client)."
            );
        }
        var path = $"{Path.GetDirectoryName(cli)}:{Environment.GetEnvironmentVariable("PATH")}";
        var repository = _run.OwnedImage("buildkit").Split(':')[0];
        var build = _run.Build(
            ("DOCKER_BUILDKIT", "1"),
            ("PATH", path),
            ("CARO_IMAGE", repository + ":local")
        );
        var result = await build.RunAsync(
            TimeSpan.FromMinutes(15),
            "--target=CaroImage",
            $"--base-image={_base}",
            "--verbosity=verbose"
        );
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("naming to"), "the build output is not BuildKit's");
        var image = await InspectAsync(repository + ":local");
        Assert.That(
            image.GetProperty("Config").GetProperty("User").GetString(),
            Is.EqualTo("1654:1654")
        );
        var tags = image
            .GetProperty("RepoTags")
            .EnumerateArray()
            .Select(e => e.GetString()!)
            .ToArray();
        await Engine.Docker.Runner.RunAsync(Engine.Docker.Command(["rmi", "--force", .. tags]));
    }

    private static async Task<string?> BuildKitCliAsync()
    {
        if (
            (
                await Engine.Docker.Runner.RunAsync(Engine.Docker.Command("buildx", "version"))
            ).Succeeded
        )
        {
            return ExecutableSearch.OnPath("docker");
        }
        foreach (var candidate in new[] { "/usr/bin/docker", "/usr/local/bin/docker" })
        {
            if (!File.Exists(candidate))
            {
                continue;
            }
            var version = await Engine.Docker.Runner.RunAsync(
                new CommandSpec(candidate, ["version", "--format", "{{.Client.Version}}"])
            );
            if (
                int.TryParse(version.StandardOutput.Trim().Split('.')[0], out var major)
                && major is >= 18 and < 23
            )
            {
                return candidate;
            }
        }
        return null;
    }

    private static async Task<JsonElement> InspectAsync(string image)
    {
        var result = await Engine.Docker.Runner.RunAsync(
            Engine.Docker.Command("image", "inspect", image)
        );
        Assert.That(result.ExitCode, Is.Zero, $"no image {image}: {result.StandardError}");
        using var document = JsonDocument.Parse(result.StandardOutput);
        return document.RootElement[0].Clone();
    }

    /// <summary>The last commit that touched Caro's inputs (not HEAD: unrelated commits do not relabel the image).</summary>
    private static async Task<string> GitRevisionOfCaroAsync()
    {
        var result = await Engine.Docker.Runner.RunAsync(
            new CommandSpec(
                "git",
                [
                    "-C",
                    BuildScript.Root,
                    "log",
                    "-1",
                    "--format=%H",
                    "--",
                    .. Build.Image.CaroPublishSettings.SourcePaths,
                ]
            )
        );
        var revision = result.StandardOutput.Trim();
        Assert.That(revision, Has.Length.EqualTo(40), "git log -- <Caro's sources> gave no commit");
        return revision;
    }
}
