using Build.Host;
using Lifecycle.Tests.Support;

namespace Lifecycle.Tests.Docker;

/// <summary>Reset refuses while any container, of any project, mounts the data it would delete.</summary>
[NonParallelizable]
public sealed class ResetTests
{
    [Test]
    public void Reset_refuses_while_a_container_of_another_project_mounts_the_data_running_or_stopped_and_proceeds_once_it_is_removed()
    {
        using var stack = new DockerStack();
        var web = Directory
            .CreateDirectory(Path.Combine(stack.Stack.DataDirectory, "web"))
            .FullName;
        File.WriteAllText(Path.Combine(web, "keep.txt"), "engine data");
        var other = "lt" + Guid.NewGuid().ToString("N")[..10];
        var name = other + "-web-1";
        Docker(
            "run",
            "-d",
            "--name",
            name,
            "--label",
            $"com.docker.compose.project={other}",
            "--label",
            "com.docker.compose.service=web",
            "-v",
            $"{web}:/data",
            DockerFixture.Image
        );
        try
        {
            var (refused, output) = stack.Stack.Run("--target=Reset", "--yes");

            Assert.That(refused, Is.EqualTo(BuildHost.Failure), output);
            Assert.That(
                TestStack.ErrorLine(output),
                Is.EqualTo(
                    $"Error: Reset refused: 1 container(s) mount {stack.Stack.DataDirectory}: {name} (project {other}, running); remove them first: ./build.sh --target=Down --project-name={other}. Nothing was deleted."
                )
            );
            Assert.That(File.Exists(Path.Combine(web, "keep.txt")), "the data is kept");

            // Stopped is not gone: `docker start` (or its restart policy) would bring it back on deleted data.
            Docker("stop", "--time", "1", name);
            var (stillRefused, stoppedOutput) = stack.Stack.Run("--target=Reset", "--yes");
            Assert.That(stillRefused, Is.EqualTo(BuildHost.Failure), stoppedOutput);
            Assert.That(
                TestStack.ErrorLine(stoppedOutput),
                Does.Contain($"{name} (project {other}, exited)")
            );
            Assert.That(File.Exists(Path.Combine(web, "keep.txt")), "the data is kept");

            Docker("rm", name);
            var (reset, resetOutput) = stack.Stack.Run("--target=Reset", "--yes");

            Assert.That(reset, Is.EqualTo(0), resetOutput);
            Assert.That(Directory.Exists(stack.Stack.DataDirectory), Is.False);
        }
        finally
        {
            DockerFixture
                .Docker.Runner.RunAsync(DockerFixture.Docker.Command("rm", "-f", name))
                .GetAwaiter()
                .GetResult();
        }
    }

    private static void Docker(params string[] arguments)
    {
        var result = DockerFixture
            .Docker.Runner.RunAsync(DockerFixture.Docker.Command(arguments))
            .GetAwaiter()
            .GetResult();
        Assert.That(result.ExitCode, Is.EqualTo(0), result.StandardError);
    }
}
