using System.Text;

namespace Build.Text;

/// <summary>A plain aligned text table (works in CI logs and in captured test output, unlike a live view).</summary>
public sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public TextTable Add(params string[] cells)
    {
        _rows.Add(cells);
        return this;
    }

    public int Count => _rows.Count;

    public IEnumerable<string> Lines()
    {
        var all = new[] { headers }.Concat(_rows).ToList();
        var widths = Enumerable
            .Range(0, headers.Length)
            .Select(i => all.Max(r => i < r.Length ? r[i].Length : 0))
            .ToArray();
        foreach (var row in all)
        {
            var line = new StringBuilder();
            for (var i = 0; i < headers.Length; i++)
            {
                var cell = i < row.Length ? row[i] : "";
                line.Append(i == headers.Length - 1 ? cell : cell.PadRight(widths[i] + 2));
            }
            yield return line.ToString().TrimEnd();
        }
    }
}
