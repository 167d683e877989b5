using Build.Host;

namespace Build.Tests;

/// <summary>No ANSI colour codes when the output is not a terminal or NO_COLOR is set.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ColourTests
{
    private const char Escape = '\u001b';

    [SetUp]
    public void Clear() => Journal.Entries.Clear();

    private static string Run(bool terminal, string? noColor)
    {
        // A console that claims ANSI support, as Cake's does whenever TERM is set.
        var console = new FakeConsole { SupportAnsiEscapeCodes = true };
        HostFixture
            .Host(console, name => name == "NO_COLOR" ? noColor : null)
            .UseTasks(typeof(Gated), typeof(AfterGated))
            .UseTerminal(terminal)
            .Run(["--target=AfterGated"]);
        return console.All;
    }

    [Test]
    public void A_terminal_gets_colour_so_the_other_cases_can_fail() =>
        Assert.That(Run(terminal: true, noColor: null), Does.Contain(Escape));

    [Test]
    public void Output_that_is_not_a_terminal_has_no_escape_codes() =>
        Assert.That(Run(terminal: false, noColor: null), Does.Not.Contain(Escape));

    [TestCase("1")]
    [TestCase("true")]
    public void NO_COLOR_switches_colour_off_on_a_terminal(string value) =>
        Assert.That(Run(terminal: true, noColor: value), Does.Not.Contain(Escape));

    [Test]
    public void An_empty_NO_COLOR_keeps_colour() =>
        Assert.That(Run(terminal: true, noColor: ""), Does.Contain(Escape));

    [Test]
    public void Build_sh_piped_under_CI_with_TERM_set_prints_no_escape_codes()
    {
        var (exitCode, output, error) = RealBuildTests.RunBuildSh(
            new Dictionary<string, string> { ["TERM"] = "xterm-256color", ["CI"] = "true" },
            "--target=Up",
            "--dryrun"
        );

        Assert.That(exitCode, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("5. Up").And.Contain("No tasks were actually executed."));
        Assert.That(output + error, Does.Not.Contain(Escape));
    }
}
