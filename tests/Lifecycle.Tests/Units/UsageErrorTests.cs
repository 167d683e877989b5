using Build.Host;
using Lifecycle.Tests.Support;

namespace Lifecycle.Tests.Units;

/// <summary>Bad command lines of the lifecycle targets: one line naming the fix, exit code 2, nothing started.</summary>
[NonParallelizable]
public sealed class UsageErrorTests
{
    private TestStack _stack = null!;

    [SetUp]
    public void SetUp() => _stack = new TestStack(Fixtures.EmptyCompose, Fixtures.Catalog);

    [TearDown]
    public void TearDown() => _stack.Dispose();

    [Test]
    public void A_missing_compose_file_is_named_as_the_compose_file_not_the_catalog()
    {
        var (exitCode, output) = _stack.Run("--target=Up", "--compose-file=/missing.yaml");

        Assert.That(exitCode, Is.EqualTo(BuildHost.UsageError));
        Assert.That(
            TestStack.ErrorLine(output),
            Is.EqualTo(
                "Error: --compose-file=/missing.yaml: no such file (/missing.yaml); pass an existing compose file (its folder holds env.yaml and data/)."
            )
        );
        Assert.That(output, Does.Not.Contain("catalog"));
    }

    [TestCase("WaitHealthy", "timeout", "99999999999", "seconds from 1 to 86400")]
    [TestCase("WaitHealthy", "timeout", "86401", "seconds from 1 to 86400")]
    [TestCase("WaitHealthy", "timeout", "0", "seconds from 1 to 86400")]
    [TestCase("Logs", "tail", "99999999999", "lines from 0 to 1000000")]
    [TestCase("Logs", "tail", "-1", "lines from 0 to 1000000")]
    public void A_number_out_of_range_names_the_range(
        string target,
        string argument,
        string value,
        string range
    )
    {
        var (exitCode, output) = _stack.Run(
            $"--target={target}",
            $"--{argument}={value}",
            "--secrets=local"
        );

        Assert.That(exitCode, Is.EqualTo(BuildHost.UsageError));
        Assert.That(
            TestStack.ErrorLine(output),
            Is.EqualTo($"Error: --{argument} takes a whole number of {range}, not '{value}'.")
        );
    }

    [TestCase("EnvCheck", "prod")]
    [TestCase("Up", "staging")]
    [TestCase("Logs", "prod")]
    public void Local_secrets_outside_dev_are_a_usage_error(string target, string environment)
    {
        var (exitCode, output) = _stack.Run(
            $"--target={target}",
            "--secrets=local",
            $"--env={environment}"
        );

        Assert.That(exitCode, Is.EqualTo(BuildHost.UsageError));
        Assert.That(
            TestStack.ErrorLine(output),
            Is.EqualTo(
                $"Error: --secrets=local is for the dev environment only; {environment} secrets come from Infisical (drop --secrets=local)."
            )
        );
    }
}
