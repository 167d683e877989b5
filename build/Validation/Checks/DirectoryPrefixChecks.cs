using Build.Validation.Model;
using Build.Validation.Reference;
using YamlDotNet.RepresentationModel;

namespace Build.Validation.Checks;

/// <summary>
/// Layer 2 for Mimir: no directory setting may be a string prefix of another one
/// (<see cref="MimirReference.DirectorySettings"/>). Mimir refuses overlapping directories, and before
/// 3.1.0 it also refused names that merely start alike (<c>/data/alertmanager</c> and
/// <c>/data/alertmanager-configs</c>), so the stack keeps them apart for every engine version.
/// </summary>
public static class DirectoryPrefixChecks
{
    public static void Run(StackFile file, YamlNode root, ValidationReport report)
    {
        var settings = MimirReference
            .DirectorySettings.Select(path => (Name: string.Join('.', path), Node: root.At(path)))
            .Select(s => (s.Name, s.Node, Value: Normalize(s.Node.Str())))
            .Where(s => s.Value is not null)
            .ToList();
        foreach (var (name, node, value) in settings)
        {
            foreach (var (otherName, _, otherValue) in settings)
            {
                if (
                    name != otherName
                    && otherValue!.StartsWith(value!, StringComparison.Ordinal)
                    && (otherValue != value || string.CompareOrdinal(name, otherName) < 0)
                )
                {
                    var how =
                        otherValue == value ? "is the same directory as"
                        : otherValue[value!.Length] == '/' ? "contains"
                        : "is a string prefix of";
                    report.Error(
                        file.Path,
                        node!.Pos(),
                        $"{name} {value} {how} {otherName} {otherValue}: Mimir refuses overlapping directories (before 3.1.0 also names that only start alike); give each a name that is no prefix of another"
                    );
                }
            }
        }
    }

    private static string? Normalize(string? path) =>
        string.IsNullOrWhiteSpace(path) || path.Contains("${", StringComparison.Ordinal)
            ? null
            : path.TrimEnd('/');
}
