using Build.Validation;

namespace Validate.Tests;

/// <summary>The engines' own checks, run in their image when it is present: here through <see cref="EngineDouble"/>.</summary>
[TestFixture]
[NonParallelizable]
public sealed class EngineCheckerTests
{
    private EngineDouble _double = null!;

    [OneTimeSetUp]
    public void BuildDouble()
    {
        Assert.That(
            OperatingSystem.IsLinux(),
            Is.True,
            "the engine double is a Linux image built from the host's /bin/dash"
        );
        if (OperatingSystem.IsLinux())
        {
            _double = EngineDouble.Build();
        }
    }

    [OneTimeTearDown]
    public void RemoveDouble() => _double.Dispose();

    [Test]
    public void An_image_present_locally_is_run_with_the_mounted_config_and_its_flags()
    {
        using var stack = UsingDouble();
        var report = stack.Validate("1,4");

        Assert.That(
            report.Skipped.Select(s => s.Checker),
            Has.None.EqualTo("loki -verify-config"),
            string.Join("\n", report.Lines())
        );
        Assert.That(report.Errors, Is.Zero, string.Join("\n", report.Lines()));
    }

    [Test]
    public void The_engine_check_failing_is_an_error_with_its_output()
    {
        using var stack = UsingDouble();
        stack.Edit(
            "stack/config/loki/loki.yaml",
            "auth_enabled: true",
            "auth_enabled: true # DOUBLE_REJECT"
        );
        var report = stack.Validate("1,4");

        var errors = report
            .Findings.Where(f => f.Severity == Severity.Error)
            .Select(f => f.ToString())
            .ToList();
        Assert.That(
            errors,
            Has.Some.Contains(
                $"loki -verify-config ({_double.Image}): double: /etc/loki/loki.yaml rejected"
            ),
            string.Join("\n", report.Lines())
        );
        Assert.That(errors, Has.All.StartWith("stack/docker-compose.yaml:"));
    }

    private StackCopy UsingDouble()
    {
        var stack = StackCopy.Create();
        stack.ReplaceEngineImages(engine =>
            engine == "loki" ? _double.Image : $"127.0.0.1:1/validate-none/{engine}:x"
        );
        return stack;
    }
}
