using Cake.Core.IO;

namespace Build;

/// <summary>The repository's well-known folders, all absolute.</summary>
public sealed class BuildPaths(DirectoryPath root)
{
    public DirectoryPath Root { get; } = root;
    public DirectoryPath Build => Root.Combine("build");
    public DirectoryPath Stack => Root.Combine("stack");
    public DirectoryPath Caro => Root.Combine("caro");
    public DirectoryPath Tests => Root.Combine("tests");
    public DirectoryPath Bench => Root.Combine("bench");

    /// <summary>Everything the build produces (<c>.build/</c>, git-ignored).</summary>
    public DirectoryPath Output => Root.Combine(".build");
    public DirectoryPath Artifacts => Output.Combine("artifacts");
    public DirectoryPath TestResults => Output.Combine("test-results");

    /// <summary>
    /// Finds the repository root: the nearest folder above <paramref name="start"/> that holds
    /// <c>global.json</c> and <c>build/Build.csproj</c>.
    /// </summary>
    public static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (
                File.Exists(System.IO.Path.Combine(dir.FullName, "global.json"))
                && File.Exists(System.IO.Path.Combine(dir.FullName, "build", "Build.csproj"))
            )
            {
                return dir.FullName;
            }
        }
        return null;
    }
}
