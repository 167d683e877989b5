using Build;
using Build.Docker;
using Build.Host;
using Build.Secrets;
using Build.Stack;
using Build.Tools;
using Lifecycle.Tests.Support;

namespace Lifecycle.Tests.Secrets;

/// <summary>EnvCheck and the Infisical runner against the recording Infisical double (no Docker needed).</summary>
[NonParallelizable]
public sealed class InfisicalTests
{
    private const string DevSecret = "s3cr3t-dev-Zq81vXr";
    private const string StagingSecret = "s3cr3t-staging-Pk29wLm";

    private TestStack _stack = null!;
    private InfisicalDouble _infisical = null!;

    [SetUp]
    public void SetUp()
    {
        _stack = new TestStack(Fixtures.EmptyCompose, Fixtures.Catalog);
        File.WriteAllText(
            Path.Combine(_stack.Root, ".infisical.json"),
            """{"workspaceId":"ws-from-file"}"""
        );
        _infisical = new InfisicalDouble()
            .Serve(
                "dev",
                new() { ["APP_SECRET"] = DevSecret, ["APP_GREETING"] = "hi from infisical" }
            )
            .Serve("staging", new() { ["APP_SECRET"] = StagingSecret });
    }

    [TearDown]
    public void TearDown()
    {
        _infisical.Dispose();
        _stack.Dispose();
    }

    [Test]
    public void EnvCheck_shows_every_variable_with_its_source_and_never_the_secret()
    {
        var (exitCode, output) = _stack.Run("--target=EnvCheck", "--verbosity=diagnostic");

        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.That(output, Does.Not.Contain(DevSecret));
        Assert.That(output, Does.Match(@"APP_SECRET\s+set\s+\*{8} \(18 chars\)\s+Infisical /lgtm"));
        Assert.That(
            output,
            Does.Match(@"APP_GREETING\s+set\s+hi from infisical\s+Infisical /lgtm")
        );
        Assert.That(output, Does.Match(@"STORAGE\s+set\s+local\s+default"));
        Assert.That(output, Does.Match(@"GARAGE_KEY\s+unset\s+required when STORAGE=s3"));
        var call = _infisical.Invocations.Single();
        Assert.That(
            call,
            Is.EqualTo(new[] { "export", "--format=json", "--env=dev", "--path=/lgtm" })
        );
    }

    [Test]
    public void The_environment_comes_from_env_argument_or_INFISICAL_ENV()
    {
        var (fromArgument, output) = _stack.Run("--target=EnvCheck", "--env=staging");
        var (fromVariable, _) = _stack.RunWith(
            n => n == "INFISICAL_ENV" ? "prod" : null,
            "--target=EnvCheck"
        );

        Assert.That(fromArgument, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("env staging"));
        Assert.That(output, Does.Not.Contain(StagingSecret));
        // prod has no secrets in the double: the required secret is missing there.
        Assert.That(fromVariable, Is.EqualTo(1));
        Assert.That(
            _infisical.Invocations.Select(i => i[2]),
            Is.EqualTo(new[] { "--env=staging", "--env=prod" })
        );
    }

    [Test]
    public void A_missing_required_variable_fails_EnvCheck_with_its_name()
    {
        _infisical.Serve("dev", new() { ["STORAGE"] = "s3" });

        var (exitCode, output) = _stack.Run("--target=EnvCheck");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(
            output,
            Does.Contain("2 required variable(s) missing for dev: APP_SECRET, GARAGE_KEY")
        );
    }

    [Test]
    public void A_machine_identity_token_sends_the_project_id()
    {
        _infisical
            .Set("INFISICAL_TOKEN", "machine-token-for-test")
            .Set("INFISICAL_PROJECT_ID", "proj-42");

        var (exitCode, output) = _stack.Run("--target=EnvCheck");

        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.That(_infisical.Invocations.Single(), Does.Contain("--projectId=proj-42"));
    }

    [Test]
    public void A_token_uses_the_workspace_id_of_infisical_json_when_no_project_id_is_set()
    {
        _infisical.Set("INFISICAL_TOKEN", "machine-token-for-test");

        var (exitCode, output) = _stack.Run("--target=EnvCheck");

        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.That(_infisical.Invocations.Single(), Does.Contain("--projectId=ws-from-file"));
    }

    [Test]
    public void A_token_without_any_project_id_fails_before_calling_Infisical()
    {
        File.Delete(Path.Combine(_stack.Root, ".infisical.json"));
        _infisical
            .Set("INFISICAL_TOKEN", "machine-token-for-test")
            .Set("INFISICAL_PROJECT_ID", null);

        var (exitCode, output) = _stack.Run("--target=EnvCheck");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(
            TestStack.ErrorLine(output),
            Does.Contain(
                "This repository is not connected to an Infisical project: run `infisical init`"
            )
        );
        Assert.That(_infisical.Invocations, Is.Empty);
    }

    [Test]
    public void Without_infisical_json_or_project_id_the_fix_is_infisical_init()
    {
        File.Delete(Path.Combine(_stack.Root, ".infisical.json"));

        var (exitCode, output) = _stack.Run("--target=EnvCheck");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(
            TestStack.ErrorLine(output),
            Does.Contain("run `infisical init` in " + _stack.Root)
        );
    }

    [Test]
    public void When_not_logged_in_the_fix_is_infisical_login()
    {
        _infisical.Set("INFISICAL_DOUBLE_LOGGED_IN", "false");

        var (exitCode, output) = _stack.Run("--target=EnvCheck");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(
            TestStack.ErrorLine(output),
            Is.EqualTo("Error: " + InfisicalErrors.NotLoggedIn)
        );
        Assert.That(_infisical.Invocations, Has.Count.EqualTo(1));
    }

    [Test]
    public void The_CLI_reports_the_project_id_error_of_a_machine_identity_in_one_line()
    {
        // The project id reaches the CLI only through .infisical.json, which a machine identity ignores.
        _infisical.Set("INFISICAL_TOKEN", "machine-token-for-test");
        var settings = new InfisicalSettings(_stack.Root, "dev", null, false, true, true);
        var result = new CommandRunner()
            .RunAsync(
                new CommandSpec(
                    "infisical",
                    ["export", "--format=json", "--env=dev", "--path=/lgtm"]
                )
            )
            .GetAwaiter()
            .GetResult();

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(
            InfisicalErrors.Explain(result, settings),
            Is.EqualTo(InfisicalErrors.ProjectIdRequired)
        );
    }

    [Test]
    public void A_missing_CLI_is_one_line_naming_the_install()
    {
        using var path = new EnvironmentScope().Set("PATH", "/usr/bin:/bin");

        var (exitCode, output) = _stack.Run("--target=EnvCheck");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(
            TestStack.ErrorLine(output),
            Does.StartWith("Error: The Infisical CLI is not installed: install it")
        );
    }

    [Test]
    public async Task Run_gives_the_child_the_secrets_and_reports_its_real_exit_code()
    {
        var secrets = Secrets(SecretsMode.Infisical);
        await secrets.ResolveAsync(CancellationToken.None);
        var runner = new CommandRunner();
        var check = new CommandSpec(
            "sh",
            ["-c", $"test \"$APP_SECRET\" = '{DevSecret}' && test \"$STORAGE\" = local"]
        );

        var ok = await runner.RunAsync(secrets.Wrap(check));
        var failing = await runner.RunAsync(
            secrets.Wrap(new CommandSpec("sh", ["-c", "echo \"boom $APP_SECRET\" >&2; exit 7"]))
        );

        Assert.That(ok.ExitCode, Is.EqualTo(0), ok.StandardError);
        Assert.That(
            failing.ExitCode,
            Is.EqualTo(1),
            "the real CLI exits 1 whatever the child's code"
        );
        var explained = secrets.ExplainFailure("compose up", failing);
        Assert.That(explained, Does.StartWith("compose up failed (exit 7): "));
        Assert.That(explained, Does.Contain("boom ********").And.Not.Contain(DevSecret));
        Assert.That(
            _infisical.Invocations[0][..3],
            Is.EqualTo(new[] { "export", "--format=json", "--env=dev" })
        );
        Assert.That(
            _infisical.Invocations[1][..4],
            Is.EqualTo(new[] { "run", "--env=dev", "--path=/lgtm", "--" })
        );
    }

    [Test]
    public async Task Local_secrets_use_development_values_and_the_process_environment_for_non_secrets()
    {
        using var scope = new EnvironmentScope()
            .Set("APP_GREETING", "from the shell")
            .Set("APP_SECRET", "ignored-for-secrets");
        var secrets = Secrets(SecretsMode.Local);

        var resolved = await secrets.ResolveAsync(CancellationToken.None);
        var child = await new CommandRunner().RunAsync(
            secrets.Wrap(new CommandSpec("sh", ["-c", "echo \"$APP_SECRET|$APP_GREETING\""]))
        );

        Assert.That(resolved.Get("APP_SECRET"), Is.EqualTo("local-dev-app_secret"));
        Assert.That(child.StandardOutput.Trim(), Is.EqualTo("local-dev-app_secret|from the shell"));
        Assert.That(
            resolved.Get("GARAGE_KEY"),
            Is.Null,
            "a secret that is not required gets no development value"
        );
        Assert.That(_infisical.Invocations, Is.Empty);
    }

    [TestCase("staging")]
    [TestCase("prod")]
    public void Local_secrets_are_refused_outside_dev(string environment)
    {
        var (exitCode, output) = _stack.Run(
            "--target=EnvCheck",
            "--secrets=local",
            $"--env={environment}"
        );

        Assert.That(exitCode, Is.EqualTo(BuildHost.UsageError));
        Assert.That(
            TestStack.ErrorLine(output),
            Does.Contain(
                $"--secrets=local is for the dev environment only; {environment} secrets come from Infisical"
            )
        );
    }

    private StackSecrets Secrets(SecretsMode mode)
    {
        var runner = new CommandRunner();
        var catalog = EnvironmentCatalog.Parse(Fixtures.Catalog, "fixture");
        var settings = InfisicalSettings.From(
            _stack.Root,
            "dev",
            Environment.GetEnvironmentVariable
        );
        return new StackSecrets(
            mode,
            DeployEnvironment.Dev,
            catalog,
            new InfisicalCli(runner, settings),
            new SecretMasker(),
            Environment.GetEnvironmentVariable
        );
    }
}
