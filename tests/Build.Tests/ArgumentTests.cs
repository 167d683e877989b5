using Build.Host;

namespace Build.Tests;

/// <summary>Declared arguments: checked before any task runs, printed by --description, enforced on reads.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ArgumentTests
{
    private static readonly Type[] Samples =
    [
        typeof(Restore),
        typeof(Gated),
        typeof(AfterGated),
        typeof(Picky),
        typeof(Sneaky),
    ];

    [SetUp]
    public void Clear() => Journal.Entries.Clear();

    [Test]
    public void An_unknown_argument_is_one_line_with_a_did_you_mean_and_nothing_runs()
    {
        var (exitCode, console) = HostFixture.Run(Samples, "--target=Picky", "--mdoe=slow");

        Assert.That(exitCode, Is.EqualTo(BuildHost.UsageError));
        Assert.That(
            console.Error,
            Is.EqualTo("Error: Unknown argument --mdoe. Did you mean --mode?" + Environment.NewLine)
        );
        Assert.That(Journal.Entries, Is.Empty);
    }

    [Test]
    public void A_misspelt_host_switch_is_not_taken_for_an_argument()
    {
        var (exitCode, console) = HostFixture.Run(Samples, "--taget=Picky");

        Assert.That(exitCode, Is.EqualTo(BuildHost.UsageError));
        Assert.That(
            console.Error,
            Does.StartWith("Error: Unknown argument --taget. Did you mean --target?")
        );
        Assert.That(Journal.Entries, Is.Empty);
    }

    [Test]
    public void An_argument_of_a_target_that_does_not_run_names_the_targets_that_take_it()
    {
        var (exitCode, console) = HostFixture.Run(Samples, "--target=Restore", "--mode=slow");

        Assert.That(exitCode, Is.EqualTo(BuildHost.UsageError));
        Assert.That(
            console.Error.TrimEnd(),
            Is.EqualTo(
                "Error: --mode is not an argument of Restore (nor of the tasks it runs); it is taken by Picky."
            )
        );
        Assert.That(Journal.Entries, Is.Empty);
    }

    [Test]
    public void Arguments_of_dependencies_count_unless_exclusive()
    {
        var (withDependencies, _) = HostFixture.Run(Samples, "--target=AfterGated", "--open");
        Assert.That(withDependencies, Is.EqualTo(BuildHost.Success));
        Assert.That(Journal.Entries, Is.EqualTo(new[] { "Gated", "AfterGated" }));

        Journal.Entries.Clear();
        var (exclusive, console) = HostFixture.Run(
            Samples,
            "--target=AfterGated",
            "--open",
            "--exclusive"
        );
        Assert.That(exclusive, Is.EqualTo(BuildHost.UsageError));
        Assert.That(console.Error, Does.Contain("--open is not an argument of AfterGated"));
        Assert.That(Journal.Entries, Is.Empty);
    }

    [Test]
    public void Every_bad_value_is_reported_at_once_before_any_task_runs()
    {
        var (exitCode, console) = HostFixture.Run(
            Samples,
            "--target=Picky",
            "--mode=medium",
            "--count=9",
            "--items=",
            "--loud=maybe"
        );

        Assert.That(exitCode, Is.EqualTo(BuildHost.UsageError));
        Assert.That(
            console.Error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries),
            Is.EquivalentTo(
                new[]
                {
                    "Error: --mode takes fast or slow, not 'medium'.",
                    "Error: --count takes a whole number of tries from 1 to 5, not '9'.",
                    "Error: --items is empty: name at least one value (a,b,...), or leave --items out for all.",
                    "Error: --loud takes true or false, not 'maybe'.",
                }
            )
        );
        Assert.That(Journal.Entries, Is.Empty, "Restore, a dependency, must not run either");
    }

    [Test]
    public void A_list_item_outside_the_allowed_values_is_refused()
    {
        var (exitCode, console) = HostFixture.Run(Samples, "--target=Picky", "--items=a,c");

        Assert.That(exitCode, Is.EqualTo(BuildHost.UsageError));
        Assert.That(console.Error.TrimEnd(), Is.EqualTo("Error: --items takes a or b, not 'c'."));
    }

    [Test]
    public void Good_values_and_declared_defaults_reach_the_task()
    {
        var (given, _) = HostFixture.Run(
            Samples,
            "--target=Picky",
            "--mode=SLOW",
            "--count=3",
            "--items=a,b",
            "--loud"
        );
        var (absent, _) = HostFixture.Run(Samples, "--target=Picky", "--exclusive");

        Assert.That(given, Is.EqualTo(BuildHost.Success));
        Assert.That(absent, Is.EqualTo(BuildHost.Success));
        Assert.That(
            Journal.Entries.Where(e => e.StartsWith("mode")),
            Is.EqualTo(
                new[] { "mode=SLOW count=3 items=a+b loud=True", "mode= count=2 items= loud=False" }
            )
        );
    }

    [Test]
    public void Reading_an_undeclared_argument_is_an_internal_error()
    {
        var (exitCode, console) = HostFixture.Run(Samples, "--target=Sneaky");

        Assert.That(exitCode, Is.EqualTo(BuildHost.Failure));
        Assert.That(
            console.Error,
            Does.Contain(
                "Error: Internal error: task Sneaky reads --open, which it does not declare; add [TaskArgument(\"open\", ...)] to it"
            )
        );
        Assert.That(Journal.Entries, Is.Empty);
    }

    [Test]
    public void Description_prints_each_argument_with_its_values_and_default()
    {
        var (exitCode, console) = HostFixture.Run(Samples, "--description");

        Assert.That(exitCode, Is.EqualTo(BuildHost.Success));
        Assert.That(
            console.Out,
            Does.Match(@"--mode=fast\|slow\s+An enumeration\. \(default: fast\)")
        );
        Assert.That(console.Out, Does.Match(@"--count=1\.\.5\s+A number\. \(default: 2\)"));
        Assert.That(console.Out, Does.Match(@"--items=a\|b,\.\.\.\s+A list\. \(default: all\)"));
        Assert.That(console.Out, Does.Match(@"--loud\s+A switch\."));
    }

    [Test]
    public void Help_prints_the_host_and_context_switches_from_their_declarations()
    {
        var (exitCode, console) = HostFixture.Run(Samples, "--help");

        Assert.That(exitCode, Is.EqualTo(BuildHost.Success));
        var contextArguments = TaskCatalog.ArgumentsOf(typeof(BuildContext));
        Assert.That(contextArguments.Select(a => a.Name), Does.Contain(BuildContext.Env));
        foreach (var argument in ArgumentNames.Declared.Concat(contextArguments))
        {
            Assert.That(console.Out, Does.Contain(argument.Usage + " "));
            Assert.That(console.Out, Does.Contain(argument.Description));
        }
        Assert.That(
            console.Out,
            Does.Contain("--verbosity=quiet|minimal|normal|verbose|diagnostic")
        );
    }
}
