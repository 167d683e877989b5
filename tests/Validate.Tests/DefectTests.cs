using Build.Validation;

namespace Validate.Tests;

[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class DefectTests
{
    private static IEnumerable<Defect> Layer1 => DefectCatalog.Layer1;
    private static IEnumerable<Defect> Layer2 => DefectCatalog.Layer2;
    private static IEnumerable<Defect> Layer3 => DefectCatalog.Layer3;
    private static IEnumerable<Defect> Layer4 => DefectCatalog.Layer4;

    [TestCaseSource(nameof(Layer1))]
    public void Parse_errors_are_reported(Defect defect) => Check(defect);

    [TestCaseSource(nameof(Layer2))]
    public void Static_checks_report(Defect defect) => Check(defect);

    [TestCaseSource(nameof(Layer3))]
    public void Cross_file_checks_report(Defect defect) => Check(defect);

    [TestCaseSource(nameof(Layer4))]
    public void Real_checkers_report(Defect defect)
    {
        RealTools.RequireAll();
        Check(defect);
    }

    private static void Check(Defect defect)
    {
        using var stack = StackCopy.Create();
        var line = stack.Edit(defect.File, defect.Find, defect.Replace);
        var report = stack.Validate(defect.Layers);
        var expectedFile = defect.ExpectedFile ?? defect.File;
        var matches = report
            .Findings.Where(f =>
                f.Severity == Severity.Error
                && f.Path == expectedFile
                && defect.ExpectedMessage.All(m => f.Message.Contains(m, StringComparison.Ordinal))
            )
            .ToList();
        Assert.That(
            matches,
            Is.Not.Empty,
            $"expected an error in {expectedFile} containing [{string.Join(" | ", defect.ExpectedMessage)}]; got:\n{string.Join("\n", report.Lines())}"
        );
        Assert.That(report.HasErrors, Is.True, "a defect must fail Validate");
        if (defect.CheckLine)
        {
            Assert.That(
                matches.Select(m => m.Line),
                Does.Contain(line),
                $"the error must point at line {line}: {string.Join("\n", matches)}"
            );
        }
    }
}
