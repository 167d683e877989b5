using Build.Validation.Model;
using Build.Validation.Reference;
using YamlDotNet.RepresentationModel;

namespace Build.Validation.Checks;

/// <summary>
/// Layer 2's part Loki, Mimir and Tempo share: the config is found, its keys and those of its runtime files are
/// the pinned version's, and <c>${VAR}</c> is written the engine's way: Loki/Tempo <c>${VAR:-default}</c>, Mimir
/// <c>${VAR:default}</c>.
/// </summary>
public static class EngineConfigChecks
{
    /// <summary>
    /// The config's root after these checks; null when there is none (a finding, unless a file of the engine's
    /// folder failed to parse: its parse error is the finding then).
    /// </summary>
    public static YamlNode? Run(
        StackModel model,
        StackFile? config,
        KeyReference keys,
        IEnumerable<StackFile> runtimeFiles,
        KeyReference runtime,
        ValidationReport report
    )
    {
        var folder = $"config/{keys.Component.ToLowerInvariant()}";
        if (config?.Yaml is not { } root)
        {
            if (!model.HasUnparsed(folder + "/"))
            {
                report.Error(
                    model.InStack(folder),
                    Position.Start,
                    $"no {keys.Component} config found under stack/{folder}/"
                );
            }
            return null;
        }
        keys.Check(config, root, report);
        EnvSyntax(config, keys.Component, report);
        foreach (var file in runtimeFiles)
        {
            runtime.Check(file, file.Yaml, report);
            EnvSyntax(file, keys.Component, report);
        }
        return root;
    }

    private static void EnvSyntax(StackFile file, string component, ValidationReport report)
    {
        foreach (var scalar in file.Yaml.Scalars())
        {
            foreach (var reference in EnvReferences.Find(scalar.Value ?? "", allowBare: false))
            {
                var message = component switch
                {
                    "Mimir" when reference.Operator is ":-" or "-" or ":?" or "?" =>
                        $"Mimir expands ${{VAR:default}} (no dash): {reference.Text} would yield '{reference.Operator.TrimStart(':')}{reference.Argument}'; write ${{{reference.Name}:{(reference.Operator.EndsWith('-') ? reference.Argument : "")}}}",
                    not "Mimir" when reference.Operator == ":" =>
                        $"{component} expands {reference.Text} as a substring, not a default: write ${{{reference.Name}:-{reference.Argument}}}",
                    _ => null,
                };
                if (message is not null)
                {
                    report.Error(file.Path, scalar.Pos(), message);
                }
            }
        }
    }
}
