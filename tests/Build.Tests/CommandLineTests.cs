using Build.Host;
using Cake.Core.Diagnostics;

namespace Build.Tests;

[TestFixture]
public sealed class CommandLineTests
{
    private static CommandLine Parse(params string[] args) => CommandLine.Parse(args);

    [Test]
    public void Defaults()
    {
        var line = Parse();

        Assert.That(line.Targets, Is.EqualTo(new[] { "Default" }));
        Assert.That(line.Verbosity, Is.EqualTo(Verbosity.Normal));
        Assert.That(
            line.DryRun || line.Exclusive || line.Tree || line.Description || line.Help,
            Is.False
        );
    }

    [Test]
    public void Accepts_equals_space_and_short_forms()
    {
        var line = Parse("-t", "Up", "-v", "diagnostic", "-e", "--dry-run", "--services=a,b");

        Assert.That(line.Targets, Is.EqualTo(new[] { "Up" }));
        Assert.That(line.Verbosity, Is.EqualTo(Verbosity.Diagnostic));
        Assert.That(line.Exclusive, Is.True);
        Assert.That(line.DryRun, Is.True);
        Assert.That(
            new BuildArguments(line.Arguments).GetList("services"),
            Is.EqualTo(new[] { "a", "b" })
        );
    }

    [Test]
    public void Several_targets_keep_their_order()
    {
        Assert.That(Parse("--target=A", "--target=B").Targets, Is.EqualTo(new[] { "A", "B" }));
    }

    [Test]
    public void Typed_argument_access()
    {
        var args = new BuildArguments(
            Parse("--tail=50", "--strict", "--follow=false", "--bad=x").Arguments
        );

        Assert.That(args.GetInt("tail", 10, 0, 100), Is.EqualTo(50));
        Assert.That(args.GetInt("absent", 10, 0, 100), Is.EqualTo(10));
        Assert.That(args.Flag("strict"), Is.True);
        Assert.That(args.Flag("follow"), Is.False);
        Assert.That(args.Flag("absent"), Is.False);
        Assert.That(
            () => args.GetInt("bad", 1, 1, 10),
            Throws
                .TypeOf<UsageException>()
                .With.Message.EqualTo("--bad takes a whole number from 1 to 10, not 'x'.")
        );
    }

    [TestCase("99999999999")]
    [TestCase("86401")]
    [TestCase("0")]
    [TestCase("-5")]
    public void A_number_out_of_range_names_the_allowed_range(string value)
    {
        var args = new BuildArguments(Parse($"--timeout={value}").Arguments);

        Assert.That(
            () => args.GetInt("timeout", 180, 1, 86400, "seconds"),
            Throws
                .TypeOf<UsageException>()
                .With.Message.EqualTo(
                    $"--timeout takes a whole number of seconds from 1 to 86400, not '{value}'."
                )
        );
    }
}
