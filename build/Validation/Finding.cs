namespace Build.Validation;

/// <summary>How bad a finding is: errors fail Validate, warnings are printed only.</summary>
public enum Severity
{
    Error,
    Warning,
}

/// <summary>One finding, printed as <c>path:line:col: error|warning: message</c> (path relative to the repository root).</summary>
public sealed record Finding(string Path, int Line, int Column, Severity Severity, string Message)
{
    public override string ToString() =>
        $"{Path}:{Line}:{Column}: {(Severity == Severity.Error ? "error" : "warning")}: {Message}";
}

/// <summary>A real checker that could not run here: reported, never counted as passed.</summary>
public sealed record SkippedCheck(string Checker, string Reason)
{
    public override string ToString() => $"skipped: {Checker}: {Reason}";
}

/// <summary>A position in a file (1-based line and column).</summary>
public readonly record struct Position(int Line, int Column)
{
    public static readonly Position Start = new(1, 1);
}
