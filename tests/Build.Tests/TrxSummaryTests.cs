using Build.Testing;

namespace Build.Tests;

[TestFixture]
public sealed class TrxSummaryTests
{
    [Test]
    public void Reads_the_counters_of_a_trx_file()
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "sample.trx");
        File.WriteAllText(
            path,
            """
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <ResultSummary outcome="Failed">
                <Counters total="12" executed="10" passed="7" failed="2" error="1" timeout="0" aborted="0" notExecuted="2" />
              </ResultSummary>
            </TestRun>
            """
        );

        var summary = TrxSummary.Read(path);

        Assert.That(summary, Is.EqualTo(new TrxSummary(7, 3, 2)));
        Assert.That(summary!.ToString(), Is.EqualTo("7 passed, 3 failed, 2 skipped"));
    }

    [Test]
    public void A_missing_or_broken_file_gives_no_summary()
    {
        var broken = Path.Combine(TestContext.CurrentContext.WorkDirectory, "broken.trx");
        File.WriteAllText(broken, "<TestRun");

        Assert.That(
            TrxSummary.Read(Path.Combine(TestContext.CurrentContext.WorkDirectory, "absent.trx")),
            Is.Null
        );
        Assert.That(TrxSummary.Read(broken), Is.Null);
    }
}
