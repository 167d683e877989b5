using Build.Docker;
using Build.Tools;
using Lifecycle.Tests.Support;

namespace Lifecycle.Tests.Docker;

/// <summary>
/// Targets that only read or stop the running stack work whatever secrets mode started it, without Infisical, and
/// mask the secrets the containers actually hold, also under another name or inside a longer value.
/// </summary>
[NonParallelizable]
public sealed class RunningSecretsTests
{
    private const string Secret = "Rk4-running-secret-7Tz";

    [Test]
    public void Logs_Ps_WaitHealthy_and_Down_need_no_secrets_mode_and_mask_what_the_containers_hold()
    {
        using var stack = new DockerStack(
            secrets: "      WEB_TOKEN: ${APP_SECRET:?APP_SECRET is not set}\n      DB_URL: \"db://user:${APP_SECRET}@db:5432/${APP_GREETING}\"",
            printEnv: "WEB_TOKEN,DB_URL"
        );
        File.WriteAllText(
            Path.Combine(stack.Stack.Root, ".infisical.json"),
            """{"workspaceId":"ws-test"}"""
        );
        using (new InfisicalDouble().Serve("dev", new() { ["APP_SECRET"] = Secret }))
        {
            var (up, upOutput) = stack.Stack.Run("--target=Up");
            Assert.That(up, Is.EqualTo(0), upOutput);
        }
        Assume.That(
            ExecutableSearch.OnPath("infisical"),
            Is.Null,
            "the Infisical CLI must be absent for this test"
        );

        var logs = stack.Stack.Run("--target=Logs", "--service=web");
        var waitHealthy = stack.Stack.Run("--target=WaitHealthy", "--timeout=60");
        var ps = stack.Stack.Run("--target=Ps");
        var down = stack.Stack.Run("--target=Down");

        foreach (var (exitCode, output) in new[] { logs, waitHealthy, ps, down })
        {
            Assert.That(exitCode, Is.EqualTo(0), output);
            Assert.That(output, Does.Not.Contain(Secret).And.Not.Contain("Infisical CLI"));
        }
        Assert.That(logs.Output, Does.Contain("web | WEB_TOKEN=********"));
        Assert.That(
            logs.Output,
            Does.Contain("web | DB_URL=db://user:********@db:5432/hello"),
            "only the secret part of a longer value is masked"
        );
        Assert.That(stack.Containers(), Is.Empty);
    }
}
