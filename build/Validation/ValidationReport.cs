namespace Build.Validation;

/// <summary>Collects findings and skipped checkers of one Validate run.</summary>
public sealed class ValidationReport
{
    private readonly List<Finding> _findings = [];
    private readonly List<SkippedCheck> _skipped = [];
    private readonly HashSet<string> _seen = [];

    public IReadOnlyList<Finding> Findings => _findings;
    public IReadOnlyList<SkippedCheck> Skipped => _skipped;
    public int Errors => _findings.Count(f => f.Severity == Severity.Error);
    public int Warnings => _findings.Count(f => f.Severity == Severity.Warning);
    public bool HasErrors => Errors > 0;

    /// <summary>Elapsed time of each layer that ran (for the benchmark and verbose output).</summary>
    public Dictionary<int, TimeSpan> LayerTimes { get; } = [];

    public void Error(string path, Position at, string message) =>
        Add(new Finding(path, at.Line, at.Column, Severity.Error, message));

    public void Warning(string path, Position at, string message) =>
        Add(new Finding(path, at.Line, at.Column, Severity.Warning, message));

    public void Add(Finding finding)
    {
        // Checks of a layer run in parallel.
        lock (_seen)
        {
            if (_seen.Add(finding.ToString()))
            {
                _findings.Add(finding);
            }
        }
    }

    public void Skip(string checker, string reason)
    {
        lock (_seen)
        {
            _skipped.Add(new SkippedCheck(checker, reason));
        }
    }

    /// <summary>Every finding sorted by path, line, column, then the skipped checkers.</summary>
    public IEnumerable<string> Lines() =>
        _findings
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ThenBy(f => f.Line)
            .ThenBy(f => f.Column)
            .ThenBy(f => f.Message, StringComparer.Ordinal)
            .Select(f => f.ToString())
            .Concat(_skipped.Select(s => s.ToString()));

    public string Summary() =>
        $"Validate: {Errors} error{(Errors == 1 ? "" : "s")}, {Warnings} warning{(Warnings == 1 ? "" : "s")}, "
        + $"{_skipped.Count} check{(_skipped.Count == 1 ? "" : "s")} skipped";
}
