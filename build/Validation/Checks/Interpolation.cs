using Build.Stack;
using Build.Validation.Model;

namespace Build.Validation.Checks;

/// <summary>Compose's interpolation with the catalog defaults (for paths like <c>./config/storage/${STORAGE_BACKEND:-local}.env</c>).</summary>
public static class Interpolation
{
    /// <summary><paramref name="text"/> as compose would read it with every variable at its catalog default (<see cref="ComposeInterpolation"/>, never failing).</summary>
    public static string Expand(string text, EnvironmentCatalog catalog) =>
        ComposeInterpolation.Interpolate(
            text,
            name => catalog.Variables.GetValueOrDefault(name)?.Default,
            strict: false
        );

    /// <summary>Variables a service's container receives: <c>environment:</c> plus the keys of its env files.</summary>
    public static HashSet<string> ContainerVariables(StackModel model, ComposeService service) =>
        [.. service.Environment.Keys, .. EnvFileVariables(model, service).Keys];

    /// <summary>What the service's env files set (name → value), from the texts layer 1 read.</summary>
    public static Dictionary<string, string> EnvFileVariables(
        StackModel model,
        ComposeService service
    )
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var composeDir =
            Path.GetDirectoryName(model.Compose?.FullPath ?? model.StackDirectory)
            ?? model.StackDirectory;
        foreach (var (path, _) in service.EnvFiles)
        {
            var full = Path.GetFullPath(Path.Combine(composeDir, Expand(path, model.Env)));
            foreach (var line in model.EnvFileTexts.GetValueOrDefault(full, "").Split('\n'))
            {
                var trimmed = line.Trim();
                var eq = trimmed.IndexOf('=');
                if (!trimmed.StartsWith('#') && eq > 0)
                {
                    variables[trimmed[..eq].Trim()] = trimmed[(eq + 1)..].Trim();
                }
            }
        }
        return variables;
    }
}
