using System.Xml.Linq;

namespace Build.Testing;

/// <summary>Pass/fail/skip counts of one test run, read from its TRX file.</summary>
public sealed record TrxSummary(int Passed, int Failed, int Skipped)
{
    public static readonly TrxSummary Empty = new(0, 0, 0);

    public int Total => Passed + Failed + Skipped;

    public static TrxSummary operator +(TrxSummary a, TrxSummary b) =>
        new(a.Passed + b.Passed, a.Failed + b.Failed, a.Skipped + b.Skipped);

    /// <summary>Reads the <c>Counters</c> element of a TRX file; null when the file is missing or unreadable.</summary>
    public static TrxSummary? Read(string trxPath)
    {
        if (!File.Exists(trxPath))
        {
            return null;
        }
        try
        {
            var counters = XDocument
                .Load(trxPath)
                .Descendants()
                .FirstOrDefault(e => e.Name.LocalName == "Counters");
            if (counters is null)
            {
                return null;
            }
            int Count(string name) =>
                int.TryParse(counters.Attribute(name)?.Value, out var n) ? n : 0;
            var total = Count("total");
            var passed = Count("passed");
            var failed = Count("failed") + Count("error") + Count("timeout") + Count("aborted");
            return new TrxSummary(passed, failed, Math.Max(0, total - passed - failed));
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    /// <summary>The closing line CI systems read: "N passed, N failed, N skipped".</summary>
    public override string ToString() => $"{Passed} passed, {Failed} failed, {Skipped} skipped";
}
