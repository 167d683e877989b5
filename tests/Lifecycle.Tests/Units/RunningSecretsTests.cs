using Build.Secrets;
using Build.Stack;
using Lifecycle.Tests.Support;

namespace Lifecycle.Tests.Units;

/// <summary>Which parts of a container's environment value are secret, from its compose template.</summary>
public sealed class RunningSecretsUnitTests
{
    private static readonly EnvironmentCatalog Catalog = EnvironmentCatalog.Parse(
        Fixtures.Catalog,
        "fixture"
    );

    [TestCase("${APP_SECRET:?not set}", "s3cr3t", new[] { "s3cr3t" })]
    [TestCase("$APP_SECRET", "s3cr3t", new[] { "s3cr3t" })]
    [TestCase(
        "db://u:${APP_SECRET}@${APP_GREETING}:5432",
        "db://u:p@ss:w@host:5432",
        new[] { "p@ss:w" }
    )]
    [TestCase("${APP_GREETING:-hello}", "hello", new string[0])]
    [TestCase("pre-${APP_SECRET}", "something else", new[] { "something else" })]
    public void The_secret_parts_of_a_value_come_from_its_template(
        string template,
        string value,
        string[] expected
    )
    {
        Assert.That(RunningSecrets.SecretParts(template, value, Catalog), Is.EqualTo(expected));
    }
}
