using Build.Validation;

namespace Validate.Tests;

/// <summary>
/// A stack folder cannot hang or crash Validate (issue 11): link loops, links out of the stack, data/ that may
/// not be read, alias bombs, huge files and pipes each give a finding at the file, or nothing at all for data/.
/// Each run is bounded: a hang fails the test instead of blocking the suite.
/// </summary>
[TestFixture]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class HostileStackTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private static ValidationReport ValidateWithin(StackCopy stack)
    {
        var run = Task.Run(() => stack.Validate("1-3"));
        Assert.That(
            run.Wait(Bound),
            Is.True,
            $"Validate did not finish within {Bound.TotalSeconds} s"
        );
        return run.Result;
    }

    private static string Text(ValidationReport report) => string.Join("\n", report.Lines());

    private static string InStack(StackCopy stack, string relative) =>
        Path.Combine(stack.Root, "stack", relative);

    [Test]
    public void Directory_link_loops_are_findings_and_not_followed()
    {
        using var stack = StackCopy.Create();
        Directory.CreateSymbolicLink(InStack(stack, "config/loki/up"), "../..");
        Directory.CreateSymbolicLink(InStack(stack, "config/mimir/self"), ".");
        Directory.CreateSymbolicLink(InStack(stack, "config/ping"), "pong");
        Directory.CreateSymbolicLink(InStack(stack, "config/pong"), "ping");

        var report = ValidateWithin(stack);

        Assert.That(
            report.Findings.Select(f => f.ToString()),
            Is.SupersetOf(
                new[]
                {
                    "stack/config/loki/up:1:1: warning: symbolic link loop (it leads back to a folder above it): not followed",
                    "stack/config/mimir/self:1:1: warning: symbolic link loop (it leads back to a folder above it): not followed",
                    "stack/config/ping:1:1: error: symbolic link loop: not read",
                    "stack/config/pong:1:1: error: symbolic link loop: not read",
                }
            ),
            Text(report)
        );
        Assert.That(report.Findings, Has.Count.EqualTo(4), Text(report));
    }

    [Test]
    public void A_file_link_loop_is_an_error_at_the_file()
    {
        using var stack = StackCopy.Create();
        File.CreateSymbolicLink(InStack(stack, "config/loki/loop.yaml"), "loop.yaml");

        var report = ValidateWithin(stack);

        Assert.That(
            report.Findings.Select(f => f.ToString()),
            Is.EqualTo(
                new[] { "stack/config/loki/loop.yaml:1:1: error: symbolic link loop: not read" }
            ),
            Text(report)
        );
    }

    [Test]
    public void Links_out_of_the_stack_are_errors_and_not_read()
    {
        using var stack = StackCopy.Create();
        var outside = Path.Combine(stack.Root, "outside");
        Directory.CreateDirectory(outside);
        // A defect Validate would report if it read the file.
        File.WriteAllText(Path.Combine(outside, "dash.json"), "{ not json");
        File.CreateSymbolicLink(
            InStack(stack, "config/grafana/dashboards/outside.json"),
            Path.Combine(outside, "dash.json")
        );
        Directory.CreateSymbolicLink(InStack(stack, "config/grafana/dashboards/usr"), "/usr");

        var report = ValidateWithin(stack);

        var messages = report.Findings.Select(f => f.ToString()).ToList();
        Assert.That(messages, Has.Count.EqualTo(2), Text(report));
        Assert.That(
            messages,
            Has.Some.StartsWith(
                $"stack/config/grafana/dashboards/outside.json:1:1: error: symbolic link to {Path.Combine(outside, "dash.json")}, outside the stack folder: not read"
            )
        );
        Assert.That(
            messages,
            Has.Some.StartsWith(
                "stack/config/grafana/dashboards/usr:1:1: error: symbolic link to /usr, outside the stack folder"
            )
        );
    }

    [Test]
    public void Data_is_never_read_even_with_loops_and_pipes_in_it()
    {
        using var stack = StackCopy.Create();
        var data = InStack(stack, "data/loki");
        Directory.CreateDirectory(data);
        Directory.CreateSymbolicLink(Path.Combine(data, "a"), "b");
        Directory.CreateSymbolicLink(Path.Combine(data, "b"), "a");
        Directory.CreateSymbolicLink(Path.Combine(data, "up"), "..");
        Directory.CreateSymbolicLink(Path.Combine(data, "self"), ".");
        MakeFifo(Path.Combine(data, "index.yaml"));

        var report = ValidateWithin(stack);

        Assert.That(report.Findings, Is.Empty, Text(report));
    }

    [Test]
    public void A_pipe_named_like_a_config_is_not_opened()
    {
        using var stack = StackCopy.Create();
        MakeFifo(InStack(stack, "config/tempo/pipe.yaml"));

        var report = ValidateWithin(stack);

        Assert.That(report.Findings, Is.Empty, Text(report));
    }

    [Test]
    public void A_YAML_alias_bomb_is_an_error_at_its_line_and_ends_fast()
    {
        using var stack = StackCopy.Create();
        var bomb = """

            bomb_a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
            bomb_b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
            bomb_c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
            bomb_d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
            bomb_e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
            bomb_f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
            bomb_g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
            bomb_h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
            bomb_i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
            """;
        Assert.That(bomb.Length, Is.LessThan(700));
        var line = stack.Edit("stack/config/loki/loki.yaml", "analytics:", bomb + "\nanalytics:");

        var report = ValidateWithin(stack);

        // Nodes reached through aliases: 90 (b), 819 (c), 7380 (d), then 7381 per alias of bomb_e: its sixth crosses 50,000.
        Assert.That(
            report.Findings.Select(f => f.ToString()),
            Has.Some.Match(
                $@"^stack/config/loki/loki\.yaml:{line + 4}:\d+: error: YAML syntax: aliases expand to more than 50000 nodes"
            ),
            Text(report)
        );
    }

    [Test]
    public void A_file_above_the_size_limit_is_an_error_and_not_read()
    {
        using var stack = StackCopy.Create();
        var huge = InStack(stack, "config/grafana/dashboards/huge.json");
        File.WriteAllText(huge, "{\"panels\": [" + new string(' ', 3 * 1024 * 1024) + "]}");

        var report = ValidateWithin(stack);

        Assert.That(
            report.Findings.Select(f => f.ToString()),
            Is.EqualTo(
                new[]
                {
                    "stack/config/grafana/dashboards/huge.json:1:1: error: file is 3072 KiB, above Validate's limit of 2 MiB for a config file: not read (is it the right file?)",
                }
            ),
            Text(report)
        );
    }

    [Test]
    public void Deep_nesting_is_a_syntax_error_not_a_crash()
    {
        using var stack = StackCopy.Create();
        stack.Edit(
            "stack/config/alloy/config.alloy",
            "otelcol.receiver.otlp \"default\" {",
            "deep = " + new string('[', 100_000) + "\notelcol.receiver.otlp \"default\" {"
        );
        stack.Edit(
            "stack/config/tempo/overrides.yaml",
            "overrides:",
            "deep: " + new string('[', 100_000) + "\noverrides:"
        );

        var report = ValidateWithin(stack);

        var errors = report.Findings.Select(f => f.ToString()).ToList();
        Assert.That(
            errors,
            Has.Some.Match(
                @"^stack/config/alloy/config\.alloy:\d+:\d+: error: Alloy syntax: nested more than 200 levels deep"
            ),
            Text(report)
        );
        Assert.That(
            errors,
            Has.Some.Match(
                @"^stack/config/tempo/overrides\.yaml:\d+:\d+: error: YAML syntax: nested more than 200 levels deep"
            ),
            Text(report)
        );
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.That(mkfifo.ExitCode, Is.Zero, $"mkfifo {path}");
    }
}
