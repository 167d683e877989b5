using Build.Tools;
using Build.Validation;

namespace Validate.Tests;

/// <summary>
/// The image path for real: Docker pulls a missing engine image, a failed pull is a skipped check with the
/// pull's reason (an error with --strict), --offline never pulls. The images are renamed into a registry on a
/// closed loopback port, so a pull fails at once and nothing real is contacted.
/// </summary>
[TestFixture]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class EnginePullTests : EngineTestBase
{
    [Test]
    public void A_pull_that_fails_is_a_skip_with_its_reason_and_an_error_with_strict()
    {
        var bin = RealDocker();
        using var stack = StackCopy.Create();
        Unreachable(stack);

        var report = Layer4(stack, bin);
        var strict = Layer4(stack, bin, strict: true);

        var skip = report.Skipped.Single(s => s.Checker == "loki -verify-config");
        Assert.That(
            skip.Reason,
            Does.Contain(
                "127.0.0.1:1/validate-none/loki:x is not present locally and `docker pull 127.0.0.1:1/validate-none/loki:x` failed ("
            )
        );
        Assert.That(report.Errors, Is.Zero, Text(report));
        Assert.That(
            strict.Findings.Select(f => f.Message),
            Has.Some.StartsWith(
                "loki -verify-config could not run (--strict): loki not on PATH, and 127.0.0.1:1/validate-none/loki:x is not present locally"
            ),
            Text(strict)
        );
    }

    [Test]
    public void Offline_never_pulls()
    {
        var bin = RealDocker();
        using var stack = StackCopy.Create();
        Unreachable(stack);

        var report = Layer4(stack, bin, offline: true);

        Assert.That(
            report.Skipped.Single(s => s.Checker == "loki -verify-config").Reason,
            Is.EqualTo(
                "loki not on PATH, and 127.0.0.1:1/validate-none/loki:x is not present locally (--offline: not pulled)"
            )
        );
    }

    /// <summary>A PATH holding only the real docker CLI, when a Docker engine answers.</summary>
    private string RealDocker()
    {
        if (
            ExecutableSearch.OnPath("docker") is not { } docker
            || !CommandRunner.Run(docker, ["info"]).Succeeded
        )
        {
            Assert.Ignore(
                "no Docker engine answers (start dockerd): the pull path cannot be tried"
            );
        }
        var bin = Folder("bin");
        File.CreateSymbolicLink(Path.Combine(bin, "docker"), ExecutableSearch.OnPath("docker")!);
        return bin;
    }

    /// <summary>Every engine image renamed into a registry on a closed loopback port: a pull fails at once, nothing real is contacted.</summary>
    private static void Unreachable(StackCopy stack) =>
        stack.ReplaceEngineImages(engine => $"127.0.0.1:1/validate-none/{engine}:x");
}
