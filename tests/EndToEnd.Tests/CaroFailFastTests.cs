using Build.Docker;
using EndToEnd.Tests.Support;

namespace EndToEnd.Tests;

/// <summary>
/// A Caro container that cannot start: its base lacks libstdc++, so the loader stops Caro at once with a message
/// on stderr. Up must fail fast (well before its readiness deadline) and show that message from the container's logs.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class CaroFailFastTests() : E2eFixture("fail")
{
    private const int UpTimeoutSeconds = 170;

    /// <summary>Far below the 170 s readiness deadline: the failure must come from the state watcher, not the timeout.</summary>
    private static readonly TimeSpan FastFailure = TimeSpan.FromSeconds(90);

    [Test]
    public async Task UpFailsFastWithTheContainersLogsWhenCaroCannotStart()
    {
        var build = Run.Build();
        var publish = await build.RunAsync(TimeSpan.FromMinutes(15), "--target=CaroPublish");
        Assert.That(publish.ExitCode, Is.Zero, publish.ToString());
        // The base must be built from the Caro binary just published.
        var brokenBase = await BuildBaseWithoutLibStdCxxAsync();

        // The image first (publish and build time must not count), then Up reusing it, timed on its own.
        var image = await build.RunAsync(
            TimeSpan.FromMinutes(15),
            "--target=CaroImage",
            $"--base-image={brokenBase}"
        );
        Assert.That(image.ExitCode, Is.Zero, image.ToString());
        var up = await build.RunAsync(
            TimeSpan.FromMinutes(10),
            Run.Lifecycle(
                "Up",
                "--services=caro-demo",
                "--no-build",
                $"--timeout={UpTimeoutSeconds}"
            )
        );

        Assert.That(up.ExitCode, Is.Not.Zero, up.ToString());
        Assert.That(
            up.Output,
            Does.Contain("--no-build: reusing"),
            "Up did not reuse the image it was given"
        );
        Assert.That(
            up.Output,
            Does.Contain("libstdc++"),
            "Up did not show the container's own error: " + up.Output
        );
        Assert.That(
            up.Elapsed,
            Is.LessThan(FastFailure),
            $"Up took {up.Elapsed.TotalSeconds:0.0} s to report a container that dies at start (deadline {UpTimeoutSeconds} s)"
        );
    }

    /// <summary>The libraries Caro needs minus libstdc++ (the loader and libc stay, so the loader can say what is missing).</summary>
    private async Task<string> BuildBaseWithoutLibStdCxxAsync()
    {
        var binary = Path.Combine(BuildScript.Root, ".build", "artifacts", "caro", "Caro");
        var bases = new OfflineBaseImage(Engine.Docker);
        var libraries = await bases.LibrariesAsync(binary, CancellationToken.None);
        Assert.That(
            libraries,
            Has.Some.Contains("libstdc++"),
            "the published Caro no longer links libstdc++: pick another library to remove"
        );
        var name = Run.OwnedImage("nolibstdcxx");
        await bases.EnsureAsync(name, [], libraries.Where(l => !l.Contains("libstdc++")));
        return name;
    }
}
