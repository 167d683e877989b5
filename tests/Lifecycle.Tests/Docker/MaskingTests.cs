using Lifecycle.Tests.Support;

namespace Lifecycle.Tests.Docker;

/// <summary>No secret value in any output: EnvCheck, Up and Logs at diagnostic verbosity, secrets from the Infisical double.</summary>
[NonParallelizable]
public sealed class MaskingTests
{
    private const string Secret = "Vq7-masking-test-secret-9Lr";

    [Test]
    public void Secrets_never_appear_in_EnvCheck_Up_or_Logs_even_at_diagnostic_verbosity()
    {
        using var stack = new DockerStack();
        File.WriteAllText(
            Path.Combine(stack.Stack.Root, ".infisical.json"),
            """{"workspaceId":"ws-test"}"""
        );
        using var infisical = new InfisicalDouble().Serve("dev", new() { ["APP_SECRET"] = Secret });

        var envCheck = stack.Stack.Run("--target=EnvCheck", "--verbosity=diagnostic");
        var up = stack.Stack.Run("--target=Up", "--verbosity=diagnostic");
        var logs = stack.Stack.Run("--target=Logs", "--verbosity=diagnostic");

        Assert.That(envCheck.ExitCode, Is.EqualTo(0), envCheck.Output);
        Assert.That(up.ExitCode, Is.EqualTo(0), up.Output);
        Assert.That(logs.ExitCode, Is.EqualTo(0), logs.Output);
        Assert.That(
            logs.Output,
            Does.Contain("web | APP_SECRET=********"),
            "the container did print the secret; Logs masked it"
        );
        Assert.That(
            up.Output,
            Does.Contain("> infisical run --env=dev --path=/lgtm -- docker"),
            "compose ran as Infisical's child"
        );
        foreach (var output in new[] { envCheck.Output, up.Output, logs.Output })
        {
            Assert.That(output, Does.Not.Contain(Secret));
        }
        Assert.That(
            Directory
                .GetFiles(stack.Stack.Root, "*", SearchOption.AllDirectories)
                .Where(f => !f.Contains("/data/"))
                .Select(File.ReadAllText),
            Has.None.Contains(Secret),
            "nothing written to disk"
        );
    }
}
