namespace Validate.Tests;

/// <summary>The Validate target run through the real build host, as <c>./build.sh --target=Validate</c> runs it.</summary>
[TestFixture]
public sealed class ValidateTaskTests
{
    [Test]
    public void A_defect_prints_its_finding_and_fails_with_one_line_and_no_stack_trace()
    {
        using var stack = StackCopy.Create();
        stack.Edit(
            "stack/config/loki/loki.yaml",
            "  retention_enabled: true",
            "  retention_enabeld: true"
        );

        var (exitCode, output) = RunHost(
            "--target=Validate",
            "--static-only",
            $"--stack-dir={Path.Combine(stack.Root, "stack")}"
        );

        Assert.That(exitCode, Is.Not.Zero, output);
        Assert.That(
            output,
            Does.Match(@"config/loki/loki\.yaml:\d+:3: error: unknown key 'retention_enabeld'")
        );
        Assert.That(output, Does.Contain("Validate: 1 error, 0 warnings, 0 checks skipped"));
        Assert.That(output, Does.Not.Match(@"\n\s+at [A-Za-z.]+\("), "no stack trace by default");
    }

    [Test]
    public void Braces_in_a_finding_print_once()
    {
        using var stack = StackCopy.Create();
        stack.Edit("stack/docker-compose.yaml", "${LOKI_PORT:-3100}", "${LOKI_PORTX:-3100}");

        var (exitCode, output) = RunHost(
            "--target=Validate",
            "--static-only",
            $"--stack-dir={Path.Combine(stack.Root, "stack")}"
        );

        Assert.That(exitCode, Is.Not.Zero, output);
        Assert.That(output, Does.Contain("error: ${LOKI_PORTX} is not in the environment catalog"));
        Assert.That(output, Does.Not.Contain("{{"));
    }

    [Test]
    public void The_real_stack_passes_the_static_layers()
    {
        var (exitCode, output) = RunHost("--target=Validate", "--layers=1-3");

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("Validate: 0 errors"));
        Assert.That(output, Does.Match(@"static layers took \d+ ms"));
    }

    [Test]
    public void A_bad_layer_list_is_a_usage_error()
    {
        var (exitCode, output) = RunHost("--target=Validate", "--layers=7");

        Assert.That(exitCode, Is.Not.Zero);
        Assert.That(output, Does.Contain("--layers"));
        Assert.That(output, Does.Contain("layers 1 to 4"));
    }

    private static (int ExitCode, string Output) RunHost(params string[] args) =>
        HostRun.Run([], args);
}
