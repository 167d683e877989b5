using Build.Host;
using Build.Secrets;
using Build.Stack;
using Lifecycle.Tests.Support;

namespace Lifecycle.Tests.Secrets;

/// <summary>
/// Variables that decide the environment or tenant (<c>perEnvironment: true</c>) come from Infisical outside dev:
/// never from a catalog default or the build's shell. Infisical is the recording double.
/// </summary>
[NonParallelizable]
public sealed class PerEnvironmentTests
{
    private TestStack _stack = null!;
    private InfisicalDouble _infisical = null!;

    [SetUp]
    public void SetUp()
    {
        _stack = new TestStack(Fixtures.EmptyCompose, Fixtures.PerEnvironmentCatalog);
        File.WriteAllText(
            Path.Combine(_stack.Root, ".infisical.json"),
            """{"workspaceId":"ws-test"}"""
        );
        _infisical = new InfisicalDouble()
            .Serve("dev", new() { ["APP_SECRET"] = "dev-secret-1234" })
            .Serve("staging", new() { ["APP_SECRET"] = "staging-secret-1234" })
            .Serve("prod", new() { ["APP_SECRET"] = "prod-secret-1234" })
            .Set("APP_TENANT", "tenant-from-the-shell");
    }

    [TearDown]
    public void TearDown()
    {
        _infisical.Dispose();
        _stack.Dispose();
    }

    [TestCase("EnvCheck", "prod")]
    [TestCase("EnvCheck", "staging")]
    [TestCase("Preflight", "prod")]
    public void Outside_dev_a_per_environment_variable_missing_in_Infisical_fails_with_its_name_and_the_fix(
        string target,
        string environment
    )
    {
        var (exitCode, output) = _stack.Run($"--target={target}", $"--env={environment}");

        Assert.That(exitCode, Is.EqualTo(BuildHost.Failure), output);
        Assert.That(
            TestStack.ErrorLine(output),
            Does.Contain(
                $"APP_TENANT must come from Infisical for {environment}: set it in Infisical /lgtm (env {environment}); it decides the environment or tenant, so outside dev neither its default nor the shell's value is used."
            )
        );
        Assert.That(
            output,
            Does.Not.Contain("tenant-staging").And.Not.Contain("tenant-from-the-shell")
        );
    }

    [Test]
    public void Outside_dev_the_value_from_Infisical_is_used()
    {
        _infisical.Serve(
            "prod",
            new() { ["APP_SECRET"] = "prod-secret-1234", ["APP_TENANT"] = "tenant-prod" }
        );

        var (exitCode, output) = _stack.Run("--target=EnvCheck", "--env=prod");

        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.That(output, Does.Match(@"APP_TENANT\s+set\s+tenant-prod\s+Infisical /lgtm"));
    }

    [Test]
    public void In_dev_the_shell_or_the_default_still_serve()
    {
        var (exitCode, output) = _stack.Run("--target=EnvCheck");

        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.That(output, Does.Match(@"APP_TENANT\s+set\s+tenant-from-the-shell\s+environment"));
    }

    [Test]
    public void The_stack_catalog_marks_the_environment_and_tenant_variables()
    {
        var catalog = EnvironmentCatalog.Load(Path.Combine(TestPaths.Root, "stack", "env.yaml"));

        Assert.That(
            catalog.Variables.Values.Where(v => v.PerEnvironment).Select(v => v.Name),
            Is.EquivalentTo(new[] { "ENVIRONMENT", "TENANT_ID" })
        );
        Assert.That(
            catalog.Variables.Values.Where(v => v.PerEnvironment),
            Has.All.Matches<CatalogVariable>(v => v!.Required && !v.Secret)
        );
    }
}
