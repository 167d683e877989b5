using Build.Tools;
using Build.Validation;

namespace Validate.Tests;

/// <summary>
/// Validate's Alloy format check agrees with Alloy's own formatter: <c>alloy-fmt</c> in the folder named by
/// <c>LGTM_ENGINES_DIR</c> (docs/real-engines.md). Skipped, with that reason, when it is not there.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class AlloyFormatAgreementTests
{
    private const string Alloy = "stack/config/alloy/config.alloy";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Test]
    public void The_shipped_config_passes_alloy_fmt_and_Validate()
    {
        var fmt = AlloyFmt();
        using var stack = StackCopy.Create();
        var result = FmtTest(fmt, stack);
        Assert.That(
            result.Succeeded,
            Is.True,
            $"alloy fmt --test failed on {Alloy}: {result.Output}"
        );
        Assert.That(FormatErrors(stack), Is.Empty);
    }

    [Test]
    public void A_line_indented_with_spaces_fails_both()
    {
        var fmt = AlloyFmt();
        using var stack = StackCopy.Create();
        stack.Edit(Alloy, "\tcheck_interval = \"1s\"", "  check_interval = \"1s\"");
        var result = FmtTest(fmt, stack);
        Assert.That(
            result.ExitCode,
            Is.Not.Zero,
            "alloy fmt --test accepted a space-indented line"
        );
        Assert.That(FormatErrors(stack), Is.Not.Empty, "Validate accepted what alloy fmt refuses");
    }

    /// <summary><c>alloy-fmt --test</c> on the copy's Alloy config.</summary>
    private static ProcessResult FmtTest(string fmt, StackCopy stack) =>
        CommandRunner.Run(fmt, ["--test", Path.Combine(stack.Root, Alloy)], null, Timeout);

    private static List<Finding> FormatErrors(StackCopy stack) =>
        stack
            .Validate("1-2")
            .Findings.Where(f =>
                f.Severity == Severity.Error
                && f.Path == Alloy
                && f.Message.Contains("alloy fmt", StringComparison.Ordinal)
            )
            .ToList();

    private static string AlloyFmt()
    {
        var dir = Environment.GetEnvironmentVariable("LGTM_ENGINES_DIR");
        var path = string.IsNullOrEmpty(dir) ? null : Path.Combine(dir, "alloy-fmt");
        if (path is null || !File.Exists(path))
        {
            Assert.Ignore(
                "LGTM_ENGINES_DIR does not name a folder with alloy-fmt (docs/real-engines.md)"
            );
        }
        return path!;
    }
}
