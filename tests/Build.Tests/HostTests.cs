using Build.Host;

namespace Build.Tests;

[TestFixture]
[NonParallelizable]
public sealed class HostTests
{
    private static readonly Type[] Samples =
    [
        typeof(Restore),
        typeof(Compile),
        typeof(Package),
        typeof(Lint),
        typeof(Gated),
        typeof(AfterGated),
        typeof(Broken),
        typeof(Crash),
        typeof(MissingFile),
        typeof(Denied),
        typeof(DiskError),
        typeof(BadInput),
        typeof(Leaky),
        typeof(AfterBroken),
        typeof(Probe),
        typeof(Default),
    ];

    [SetUp]
    public void Clear() => Journal.Entries.Clear();

    [Test]
    public void Runs_every_dependency_once_before_its_dependent()
    {
        var (exitCode, _) = HostFixture.Run(Samples, "--target=Package");

        Assert.That(exitCode, Is.EqualTo(BuildHost.Success));
        AssertValidOrder(Journal.Entries);
    }

    /// <summary>All four ran once; Restore → Compile → Package, and Lint before Package.</summary>
    private static void AssertValidOrder(IReadOnlyList<string> order)
    {
        Assert.That(order, Is.EquivalentTo(new[] { "Restore", "Compile", "Lint", "Package" }));
        int At(string name) => order.ToList().IndexOf(name);
        Assert.That(At("Restore"), Is.LessThan(At("Compile")));
        Assert.That(At("Compile"), Is.LessThan(At("Package")));
        Assert.That(At("Lint"), Is.LessThan(At("Package")));
    }

    [Test]
    public void Dependencies_run_in_the_order_they_are_declared()
    {
        var (exitCode, _) = HostFixture.Run(Samples, "--target=Package");

        Assert.That(exitCode, Is.EqualTo(BuildHost.Success));
        Assert.That(Journal.Entries, Is.EqualTo(new[] { "Restore", "Compile", "Lint", "Package" }));
    }

    [Test]
    public void Lifetimes_run_around_the_run_and_around_each_task_with_the_app_context()
    {
        var console = new FakeConsole();
        var exitCode = HostFixture
            .Host(console)
            .UseTasks(Samples)
            .UseLifetime<SampleLifetime>()
            .UseTaskLifetime<SampleTaskLifetime>()
            .Run(["--target=Compile"]);

        Assert.That(exitCode, Is.EqualTo(BuildHost.Success), console.All);
        Assert.That(
            Journal.Entries,
            Is.EqualTo(
                new[]
                {
                    "Setup:Compile:dev",
                    "Before:Restore",
                    "Restore",
                    "After:Restore",
                    "Before:Compile",
                    "Compile",
                    "After:Compile",
                    "Teardown:True",
                }
            )
        );
    }

    [Test]
    public void A_usage_error_raised_inside_a_task_exits_with_2()
    {
        var (exitCode, console) = HostFixture.Run(Samples, "--target=BadInput");

        Assert.That(exitCode, Is.EqualTo(BuildHost.UsageError));
        Assert.That(
            console.Error,
            Does.Contain("Error: --services names an unknown service 'nope'.")
        );
    }

    [Test]
    public void Output_filters_apply_to_the_log_the_console_and_the_error_line_at_every_verbosity()
    {
        var (exitCode, console) = HostFixture.Run(
            Samples,
            "--target=Leaky",
            "--verbosity=diagnostic"
        );

        Assert.That(exitCode, Is.EqualTo(BuildHost.Failure));
        Assert.That(
            console.All,
            Does.Contain("log: ********")
                .And.Contain("console: ********")
                .And.Contain("failed with ********")
        );
        Assert.That(console.All, Does.Not.Contain(Leaky.Secret));
    }

    [Test]
    public void Exclusive_runs_only_the_target()
    {
        var (exitCode, _) = HostFixture.Run(Samples, "--target=Package", "--exclusive");

        Assert.That(exitCode, Is.EqualTo(BuildHost.Success));
        Assert.That(Journal.Entries, Is.EqualTo(new[] { "Package" }));
    }

    [TestCase("--dryrun")]
    [TestCase("--dry-run")]
    public void Dry_run_lists_the_tasks_in_order_and_runs_none(string flag)
    {
        var (exitCode, console) = HostFixture.Run(Samples, "--target=Package", flag);

        Assert.That(exitCode, Is.EqualTo(BuildHost.Success));
        Assert.That(Journal.Entries, Is.Empty);
        var listed = System.Text.RegularExpressions.Regex.Matches(
            console.Out,
            @"^(\d)\. (\w+)\r?$",
            System.Text.RegularExpressions.RegexOptions.Multiline
        );
        Assert.That(
            listed.Select(m => int.Parse(m.Groups[1].Value)),
            Is.EqualTo(new[] { 1, 2, 3, 4 })
        );
        AssertValidOrder(listed.Select(m => m.Groups[2].Value).ToList());
        Assert.That(console.Out, Does.Contain("No tasks were actually executed."));
    }

    [Test]
    public void A_dependency_whose_ShouldRun_is_false_is_skipped_with_its_reason_and_the_run_goes_on()
    {
        var (exitCode, console) = HostFixture.Run(Samples, "--target=AfterGated");

        Assert.That(exitCode, Is.EqualTo(BuildHost.Success));
        Assert.That(Journal.Entries, Is.EqualTo(new[] { "AfterGated" }));
        Assert.That(console.Out, Does.Contain("Skipping task Gated: pass --open to run it"));
        Assert.That(console.Out, Does.Match(@"Gated\s+-\s+Skipped"));
    }

    [Test]
    public void A_target_whose_ShouldRun_is_false_fails_with_its_reason_as_Cake_does()
    {
        var (exitCode, console) = HostFixture.Run(Samples, "--target=Gated");

        Assert.That(exitCode, Is.EqualTo(BuildHost.Failure));
        Assert.That(Journal.Entries, Is.Empty);
        Assert.That(
            console.Error,
            Does.Contain("Error: Target Gated was skipped: pass --open to run it.")
        );
    }

    [Test]
    public void ShouldRun_sees_build_arguments()
    {
        var (exitCode, _) = HostFixture.Run(Samples, "--target=Gated", "--open");

        Assert.That(exitCode, Is.EqualTo(BuildHost.Success));
        Assert.That(Journal.Entries, Is.EqualTo(new[] { "Gated" }));
    }

    [Test]
    public void A_failing_task_calls_OnError_and_Finally_prints_one_line_and_the_report_and_stops_the_run()
    {
        var (exitCode, console) = HostFixture.Run(Samples, "--target=AfterBroken");

        Assert.That(exitCode, Is.EqualTo(BuildHost.Failure));
        Assert.That(
            Journal.Entries,
            Is.EqualTo(
                new[] { "OnError:the widget is missing: run ./build.sh --target=Widget", "Finally" }
            )
        );
        var errorLines = console.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(
            errorLines,
            Has.Some.EqualTo("Error: the widget is missing: run ./build.sh --target=Widget")
        );
        Assert.That(
            console.All,
            Does.Not.Contain("   at "),
            "no stack trace below diagnostic verbosity"
        );
        Assert.That(
            console.Out,
            Does.Match(@"Broken\s+[0-9:.]+\s+Failed"),
            "the task report is printed on failure"
        );
    }

    [Test]
    public void An_unexpected_exception_is_one_line_in_words_with_the_stack_trace_only_at_diagnostic()
    {
        var (normalExit, normal) = HostFixture.Run(Samples, "--target=Crash");
        var (diagnosticExit, diagnostic) = HostFixture.Run(
            Samples,
            "--target=Crash",
            "--verbosity=diagnostic"
        );

        Assert.That(normalExit, Is.EqualTo(BuildHost.Failure));
        Assert.That(diagnosticExit, Is.EqualTo(BuildHost.Failure));
        Assert.That(
            LastLine(normal.Error),
            Is.EqualTo(
                "Error: bad state (an unexpected failure of the build: run it again with --verbosity=diagnostic for the details, and report it if it persists)."
            )
        );
        Assert.That(normal.All, Does.Not.Contain("Exception").And.Not.Contain("   at "));
        Assert.That(diagnostic.Error, Does.Contain("InvalidOperationException"));
        Assert.That(diagnostic.Error, Does.Contain("   at Build.Tests.Crash.Run"));
    }

    private static string LastLine(string text) => text.TrimEnd().Split('\n')[^1].TrimEnd();

    [TestCase(
        "MissingFile",
        "Error: File not found: "
            + MissingFile.Path
            + " (check the path; restore it with git if it belongs to the repository)."
    )]
    [TestCase(
        "Denied",
        "Error: Permission denied on "
            + Denied.Path
            + " (run as a user who may use it, or fix its owner and mode: chown/chmod)."
    )]
    [TestCase(
        "DiskError",
        "Error: A file operation failed on /stack/loop: Too many levels of symbolic links (check that the path exists, is not a link loop, and the disk is not full)."
    )]
    public void File_system_failures_say_what_to_fix_without_an_exception_type(
        string target,
        string expected
    )
    {
        var (exitCode, console) = HostFixture.Run(Samples, $"--target={target}");

        Assert.That(exitCode, Is.EqualTo(BuildHost.Failure));
        Assert.That(LastLine(console.Error), Is.EqualTo(expected));
        Assert.That(console.All, Does.Not.Contain("Exception"));
    }

    [Test]
    public void Unknown_target_is_one_line_naming_the_valid_targets()
    {
        var (exitCode, console) = HostFixture.Run(Samples, "--target=Nope");

        Assert.That(exitCode, Is.EqualTo(BuildHost.UsageError));
        Assert.That(console.Error.TrimEnd(), Does.Not.Contain("\n"));
        Assert.That(
            console.Error,
            Does.StartWith(
                "Error: Unknown target 'Nope'. Valid targets: AfterBroken, AfterGated, BadInput, Broken, Compile,"
            )
        );
        Assert.That(Journal.Entries, Is.Empty);
    }

    [TestCase(
        "--verbosity=loud",
        "Unknown verbosity 'loud'. Valid values: quiet, minimal, normal, verbose, diagnostic."
    )]
    [TestCase(
        "--env=qa",
        "Unknown environment 'qa' (from --env). Valid values: dev, staging, prod."
    )]
    [TestCase("--dryrun=maybe", "--dryrun takes true or false, not 'maybe'.")]
    [TestCase(
        "stray",
        "Unexpected argument 'stray'. Arguments have the form --name=value; run ./build.sh --help."
    )]
    public void Bad_arguments_are_one_line_and_exit_code_2(string argument, string message)
    {
        var (exitCode, console) = HostFixture.Run(Samples, argument);

        Assert.That(exitCode, Is.EqualTo(BuildHost.UsageError));
        Assert.That(console.Error.TrimEnd(), Is.EqualTo("Error: " + message));
        Assert.That(Journal.Entries, Is.Empty);
    }

    [Test]
    public void Without_a_target_Default_runs()
    {
        var (exitCode, _) = HostFixture.Run(Samples);

        Assert.That(exitCode, Is.EqualTo(BuildHost.Success));
        Assert.That(Journal.Entries, Is.EqualTo(new[] { "Default" }));
    }

    [Test]
    public void Tasks_get_arguments_environment_paths_and_working_Cake_aliases()
    {
        var (exitCode, _) = HostFixture.Run(
            Samples,
            "--target=Probe",
            "--env=staging",
            "--name",
            "value with spaces"
        );

        Assert.That(exitCode, Is.EqualTo(BuildHost.Success));
        Assert.That(
            Journal.Entries,
            Is.EqualTo(
                new[]
                {
                    "env=staging",
                    "name=value with spaces",
                    "root-has-global-json=True",
                    "exit=3",
                }
            )
        );
    }

    [Test]
    public void Tree_prints_the_dependency_graph_of_every_target_nothing_depends_on()
    {
        var (exitCode, console) = HostFixture.Run(Samples, "--tree");

        Assert.That(exitCode, Is.EqualTo(BuildHost.Success));
        Assert.That(Journal.Entries, Is.Empty);
        var tree = console.Out.ReplaceLineEndings("\n");
        Assert.That(tree, Does.Contain("Package\n├─Compile\n│ └─Restore\n└─Lint\n"));
        Assert.That(tree, Does.Contain("AfterBroken\n└─Broken\n"));
        Assert.That(tree, Does.Not.Contain("\nCompile\n"), "Compile is under Package only");
    }

    [TestCase(null, null, "dev")]
    [TestCase("staging", null, "staging")]
    [TestCase("staging", "--env=prod", "prod")]
    public void The_environment_comes_from_env_then_INFISICAL_ENV_then_dev(
        string? variable,
        string? argument,
        string expected
    )
    {
        string[] args = argument is null ? ["--target=Probe"] : ["--target=Probe", argument];
        var (exitCode, console) = HostFixture.RunWith(
            name => name == BuildContext.EnvVariable ? variable : null,
            Samples,
            args
        );

        Assert.That(exitCode, Is.EqualTo(BuildHost.Success), console.All);
        Assert.That(Journal.Entries, Does.Contain($"env={expected}"));
    }

    [Test]
    public void A_bad_INFISICAL_ENV_is_one_line_and_exit_code_2()
    {
        var (exitCode, console) = HostFixture.RunWith(
            name => name == BuildContext.EnvVariable ? "qa" : null,
            Samples,
            "--target=Probe"
        );

        Assert.That(exitCode, Is.EqualTo(BuildHost.UsageError));
        Assert.That(
            console.Error.TrimEnd(),
            Is.EqualTo(
                "Error: Unknown environment 'qa' (from INFISICAL_ENV). Valid values: dev, staging, prod."
            )
        );
        Assert.That(Journal.Entries, Is.Empty);
    }

    [Test]
    public void The_host_makes_the_context_the_app_asks_for_and_its_arguments_count_for_every_target()
    {
        var console = new FakeConsole();
        var exitCode = new BuildHost()
            .UseConsole(console)
            .UseContext<SampleContext>()
            .UseTasks(typeof(Counted), typeof(AfterCounted))
            .UseEnvironmentVariables(_ => null)
            .Run(["--target=AfterCounted", "--step=5"]);

        Assert.That(exitCode, Is.EqualTo(BuildHost.Success), console.All);
        Assert.That(Journal.Entries, Is.EqualTo(new[] { "Counted=5", "AfterCounted=10" }));
    }

    [Test]
    public void A_task_for_another_context_is_an_internal_error_naming_UseContext()
    {
        var console = new FakeConsole();
        var exitCode = new BuildHost()
            .UseConsole(console)
            .UseTasks(typeof(Counted))
            .UseEnvironmentVariables(_ => null)
            .Run(["--target=Counted"]);

        Assert.That(exitCode, Is.EqualTo(BuildHost.Failure));
        Assert.That(
            console.Error,
            Does.Contain(
                "Error: Internal error: task Counted needs a SampleContext, but the host made a FrostingContext: call UseContext<SampleContext>() on the host."
            )
        );
    }

    [Test]
    public void Description_lists_every_task_with_its_description_and_an_example()
    {
        var (exitCode, console) = HostFixture.Run(Samples, "--description");

        Assert.That(exitCode, Is.EqualTo(BuildHost.Success));
        Assert.That(Journal.Entries, Is.Empty);
        foreach (var task in Samples)
        {
            var name = TaskCatalog.NameOf(task);
            Assert.That(console.Out, Does.Contain($"e.g. ./build.sh --target={name}"));
        }
        Assert.That(console.Out, Does.Contain("Sample: runs after Restore. (after: Restore)"));
    }
}
