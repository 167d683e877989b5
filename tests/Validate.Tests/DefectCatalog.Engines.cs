namespace Validate.Tests;

/// <summary>
/// What the real engines (Loki 3.7.6, Tempo 3.0.3, Mimir 3.0.3, Alloy's formatter) reported about stack/,
/// each as a defect that layer 2 must catch again (part of <see cref="Layer2"/>).
/// </summary>
public static partial class DefectCatalog
{
    private static IEnumerable<Defect> EngineFindings =>
        [
            new(
                "Alloy config indented with spaces (not alloy fmt form)",
                Alloy,
                "\tcheck_interval = \"1s\"",
                "  check_interval = \"1s\"",
                ["not in `alloy fmt` form", "1 line is indented with spaces", "alloy fmt -w"],
                CheckLine: true
            ),
        ];
}
