using Build.Docker;
using Build.Tools;
using Lifecycle.Tests.Support;

namespace Lifecycle.Tests.Docker;

/// <summary>Up's preflight and subsets: one clear line for each missing part, nothing started on a refusal.</summary>
[NonParallelizable]
public sealed class PreflightTests
{
    [Test]
    public void An_unreachable_engine_is_one_line_saying_start_Docker()
    {
        using var stack = new DockerStack();
        using var scope = new EnvironmentScope().Set(
            "DOCKER_HOST",
            "unix:///nonexistent/docker.sock"
        );

        var (exitCode, output) = stack.Stack.Run("--target=Ps");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(
            LastLine(output),
            Does.StartWith("Error: The Docker engine is not reachable: start Docker")
        );
    }

    [Test]
    public void Missing_compose_is_one_line_naming_the_install()
    {
        using var stack = new DockerStack();
        var bin = Directory.CreateTempSubdirectory("only-docker-").FullName;
        File.CreateSymbolicLink(Path.Combine(bin, "docker"), ExecutableSearch.OnPath("docker")!);
        using var scope = new EnvironmentScope().Set("PATH", bin);
        try
        {
            var (exitCode, output) = stack.Stack.Run("--target=Up", "--secrets=local");

            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(
                LastLine(output),
                Does.StartWith("Error: Docker Compose is not installed: install")
            );
        }
        finally
        {
            Directory.Delete(bin, recursive: true);
        }
    }

    [Test]
    public void An_unknown_service_is_a_usage_error_listing_the_valid_ones()
    {
        using var stack = new DockerStack(worker: true);

        var (exitCode, output) = stack.Stack.Run(
            "--target=Up",
            "--secrets=local",
            "--services=web,nope"
        );

        // A UsageException: the host exits 2 only when the engine does not wrap it (reported to the lead).
        Assert.That(exitCode, Is.Not.EqualTo(0));
        Assert.That(
            LastLine(output),
            Is.EqualTo("Error: Unknown service 'nope'. Valid: web, worker.")
        );
        Assert.That(stack.Containers(), Is.Empty);
    }

    [Test]
    public void Services_starts_only_the_named_services()
    {
        using var stack = new DockerStack(worker: true);

        var (exitCode, output) = stack.Stack.Run(
            "--target=Up",
            "--secrets=local",
            "--services=worker"
        );

        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("worker (--no-deps)"));
        Assert.That(stack.Containers().Select(c => c.Service), Is.EqualTo(new[] { "worker" }));
    }

    private static string LastLine(string output) => output.TrimEnd().Split('\n')[^1].TrimEnd();
}
