using Build.Host;

namespace Build.Rules;

/// <summary>One tenant's rule files (Mimir ruler's local store: every regular file is a namespace) and test files.</summary>
public sealed record TenantRules(
    string Tenant,
    string RulesDirectory,
    IReadOnlyList<string> RuleFiles,
    IReadOnlyList<string> TestFiles
);

/// <summary>
/// Finds the tenants: sub-folders of the rules folder (<c>stack/config/mimir/rules/&lt;tenant&gt;/</c>) and of the
/// tests folder (<c>tests/rules/&lt;tenant&gt;/**/*.yaml</c>).
/// </summary>
public static class RuleLayout
{
    public static IReadOnlyList<TenantRules> Discover(string rulesDirectory, string testsDirectory)
    {
        if (!Directory.Exists(rulesDirectory))
        {
            throw new BuildException(
                $"No rules folder at {rulesDirectory}: create <folder>/<tenant>/<file>.yaml, or pass --{RulesArguments.RulesDir}=PATH."
            );
        }
        var tenants = SubFolders(rulesDirectory)
            .Union(SubFolders(testsDirectory))
            .Order(StringComparer.Ordinal);
        var result = new List<TenantRules>();
        foreach (var tenant in tenants)
        {
            var ruleFolder = Path.Combine(rulesDirectory, tenant);
            var ruleFiles = Directory.Exists(ruleFolder)
                ? Directory.GetFiles(ruleFolder).Order(StringComparer.Ordinal).ToList()
                : [];
            var testFolder = Path.Combine(testsDirectory, tenant);
            var testFiles = Directory.Exists(testFolder)
                ? Directory
                    .EnumerateFiles(testFolder, "*", SearchOption.AllDirectories)
                    .Where(f =>
                        f.EndsWith(".yaml", StringComparison.Ordinal)
                        || f.EndsWith(".yml", StringComparison.Ordinal)
                    )
                    .Order(StringComparer.Ordinal)
                    .ToList()
                : [];
            result.Add(new TenantRules(tenant, ruleFolder, ruleFiles, testFiles));
        }
        if (result.Count == 0)
        {
            throw new BuildException(
                $"No tenant folder under {rulesDirectory}: rules live in <folder>/<tenant>/<file>.yaml."
            );
        }
        return result;
    }

    private static IEnumerable<string> SubFolders(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetDirectories(folder).Select(Path.GetFileName).OfType<string>()
            : [];
}
