using Build.Validation.Model;

namespace Build.Validation.Checks;

/// <summary>Compose-style interpolation with the catalog defaults (for paths like <c>./config/storage/${STORAGE_BACKEND:-local}.env</c>).</summary>
public static class Interpolation
{
    public static string Expand(string text, EnvCatalog catalog)
    {
        var result = text;
        foreach (var reference in EnvReferences.Find(text).Reverse())
        {
            var value = catalog.Variables.GetValueOrDefault(reference.Name)?.Default;
            if (string.IsNullOrEmpty(value) && reference.Operator is ":-" or "-")
            {
                value = reference.Argument;
            }
            result =
                result[..reference.Offset]
                + (value ?? "")
                + result[(reference.Offset + reference.Text.Length)..];
        }
        return result.Replace("$$", "$", StringComparison.Ordinal);
    }

    /// <summary>Variables a service's container receives: <c>environment:</c> plus the keys of its env files.</summary>
    public static HashSet<string> ContainerVariables(StackModel model, ComposeService service)
    {
        var names = new HashSet<string>(service.Environment.Keys, StringComparer.Ordinal);
        var composeDir =
            Path.GetDirectoryName(model.Compose?.FullPath ?? model.StackDirectory)
            ?? model.StackDirectory;
        foreach (var (path, _) in service.EnvFiles)
        {
            var full = Path.GetFullPath(Path.Combine(composeDir, Expand(path, model.Env)));
            if (model.EnvFileTexts.GetValueOrDefault(full) is not { } text)
            {
                continue;
            }
            foreach (var line in text.Split('\n'))
            {
                var trimmed = line.Trim();
                var eq = trimmed.IndexOf('=');
                if (trimmed.Length > 0 && !trimmed.StartsWith('#') && eq > 0)
                {
                    names.Add(trimmed[..eq].Trim());
                }
            }
        }
        return names;
    }
}
