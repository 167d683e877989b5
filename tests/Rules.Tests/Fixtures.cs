using Build;
using Build.Host;

namespace Rules.Tests;

/// <summary>Where the repository and the fixture rule sets are.</summary>
public static class Fixtures
{
    public static string Root { get; } =
        BuildPaths.FindRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("repository root not found");

    /// <summary>The repository's stack folder (its compose file holds the image pins).</summary>
    public static string Stack { get; } = Path.Combine(Root, "stack");

    public static string Folder { get; } = Path.Combine(Root, "tests", "Rules.Tests", "Fixtures");

    /// <summary>The rules folder of a fixture set (passing, failing-test, broken-rule).</summary>
    public static string Rules(string set) => Path.Combine(Folder, set, "rules");

    /// <summary>The tests folder of a fixture set.</summary>
    public static string Tests(string set) => Path.Combine(Folder, set, "tests");

    public static string RealPromtool =>
        Build.Tools.ExecutableSearch.OnPath("promtool", Environment.GetEnvironmentVariable("PATH"))
        ?? throw new InvalidOperationException(
            "promtool is not installed: .ci/run installs it (Debian package prometheus)."
        );
}
