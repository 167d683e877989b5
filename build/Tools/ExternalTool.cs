namespace Build.Tools;

/// <summary>A program the build runs, and where to get it.</summary>
/// <param name="Name">Binary name, looked up on PATH.</param>
/// <param name="ArgumentName">The <c>--name=PATH</c> argument that points at the binary.</param>
/// <param name="Image">The pinned image used through Docker when the binary is not installed (null: none is pinned).</param>
/// <param name="Entrypoint">The binary inside <paramref name="Image"/>.</param>
/// <param name="InstallHint">What the user should do when the tool cannot be found.</param>
public sealed record ExternalTool(
    string Name,
    string ArgumentName,
    string? Image,
    string Entrypoint,
    string InstallHint
);
