namespace Validate.Tests;

/// <summary>One defect applied to a copy of the stack, and the finding it must produce.</summary>
/// <param name="Name">What is wrong (test name).</param>
/// <param name="File">File the defect is applied to, relative to the repository root.</param>
/// <param name="Find">Text replaced (first occurrence; must exist).</param>
/// <param name="Replace">Replacement.</param>
/// <param name="ExpectedMessage">Fragments the error message must contain.</param>
/// <param name="ExpectedFile">File the error must name (default: <paramref name="File"/>).</param>
/// <param name="Layers">Layers to run.</param>
/// <param name="CheckLine">The error must point at the edited line.</param>
public sealed record Defect(
    string Name,
    string File,
    string Find,
    string Replace,
    string[] ExpectedMessage,
    string? ExpectedFile = null,
    string Layers = "1-3",
    bool CheckLine = false
)
{
    public override string ToString() => Name;
}
