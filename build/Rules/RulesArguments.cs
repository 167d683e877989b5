namespace Build.Rules;

/// <summary>Command-line arguments of the TestRules target (<c>--name=value</c>).</summary>
public static class RulesArguments
{
    /// <summary>Path of the promtool binary; beats PATH and Docker.</summary>
    public const string Promtool = "promtool";

    /// <summary>Path of the mimirtool binary; beats PATH and Docker.</summary>
    public const string Mimirtool = "mimirtool";

    /// <summary>Write a JUnit XML report to this file (relative to the repository root).</summary>
    public const string Junit = "junit";

    /// <summary>A skipped tool fails the run (shared with other targets, see docs/contracts.md).</summary>
    public const string Strict = "strict";

    /// <summary>Folder with one sub-folder of rule files per tenant (default stack/config/mimir/rules; relative to the repository root).</summary>
    public const string RulesDir = "rules-dir";

    /// <summary>Folder with one sub-folder of promtool test files per tenant (default tests/rules; relative to the repository root).</summary>
    public const string RuleTestsDir = "rule-tests-dir";
}
