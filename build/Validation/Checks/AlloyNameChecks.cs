using Build.Validation.Reference;
using Build.Validation.River;

namespace Build.Validation.Checks;

/// <summary>Misspelled Alloy component, block and attribute names (near misses of <see cref="AlloyReference"/>).</summary>
public static class AlloyNameChecks
{
    public static void Run(string path, RiverBody body, ValidationReport report)
    {
        foreach (var component in body.Blocks())
        {
            if (
                !AlloyReference.Components.Contains(component.Name)
                && !AlloyReference.Children.ContainsKey(component.Name)
            )
            {
                if (
                    EditDistance.Suggest(component.Name, AlloyReference.Components) is
                    { } suggestion
                )
                {
                    report.Error(
                        path,
                        component.Pos,
                        $"unknown component '{component.Name}' (did you mean '{suggestion}'?)"
                    );
                }
                continue;
            }
            CheckChildren(path, component.Name, component.Name, component.Body, report);
        }
    }

    private static void CheckChildren(
        string path,
        string component,
        string blockPath,
        RiverBody body,
        ValidationReport report
    )
    {
        var known = Known(component, blockPath);
        foreach (var statement in body.Statements)
        {
            var (name, isBlock) = statement switch
            {
                RiverBlock b => (b.Name, true),
                RiverAttribute a => (a.Name, false),
                _ => ("", false),
            };
            if (
                known is not null
                && !known.Contains(name)
                && EditDistance.Suggest(name, known) is { } suggestion
            )
            {
                report.Error(
                    path,
                    statement.Pos,
                    $"{component}: unknown {(isBlock ? "block" : "attribute")} '{name}' in {blockPath.Replace('/', ' ')} (did you mean '{suggestion}'?)"
                );
            }
            if (statement is RiverBlock block)
            {
                CheckChildren(path, component, $"{blockPath}/{block.Name}", block.Body, report);
            }
        }
    }

    private static string[]? Known(string component, string blockPath)
    {
        if (AlloyReference.Children.TryGetValue(blockPath, out var known))
        {
            return known;
        }
        var last = blockPath[(blockPath.LastIndexOf('/') + 1)..];
        return
            blockPath.Contains('/')
            && AlloyReference.Children.TryGetValue("*/" + last, out var shared)
            ? shared
            : null;
    }
}
