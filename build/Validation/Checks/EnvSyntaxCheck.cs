using Build.Validation.Model;

namespace Build.Validation.Checks;

/// <summary>Each engine expands <c>${VAR}</c> its own way: Loki/Tempo <c>${VAR:-default}</c>, Mimir <c>${VAR:default}</c>.</summary>
public static class EnvSyntaxCheck
{
    public static void DashForm(StackFile? file, string component, ValidationReport report)
    {
        foreach (var scalar in file?.Yaml.Scalars() ?? [])
        {
            foreach (var reference in EnvReferences.Find(scalar.Value ?? "", allowBare: false))
            {
                if (reference.Operator == ":")
                {
                    report.Error(
                        file!.Path,
                        scalar.Pos(),
                        $"{component} expands {reference.Text} as a substring, not a default: write ${{{reference.Name}:-{reference.Argument}}}"
                    );
                }
            }
        }
    }

    public static void MimirForm(StackFile? file, ValidationReport report)
    {
        foreach (var scalar in file?.Yaml.Scalars() ?? [])
        {
            foreach (var reference in EnvReferences.Find(scalar.Value ?? "", allowBare: false))
            {
                if (reference.Operator is ":-" or "-" or ":?" or "?")
                {
                    var fixedArg = reference.Operator.EndsWith('-') ? reference.Argument : "";
                    report.Error(
                        file!.Path,
                        scalar.Pos(),
                        $"Mimir expands ${{VAR:default}} (no dash): {reference.Text} would yield '{reference.Operator.TrimStart(':')}{reference.Argument}'; write ${{{reference.Name}:{fixedArg}}}"
                    );
                }
            }
        }
    }
}
