namespace Build.Validation.Model;

/// <summary>One variable of <c>stack/env.yaml</c> (schema in docs/contracts.md).</summary>
public sealed record EnvVariable(
    string Name,
    string? Default,
    bool Secret,
    string? Path,
    string? RequiredWhen,
    IReadOnlyList<string> UsedBy,
    Position Pos
);

/// <summary>The environment catalog, read directly with YamlDotNet (no dependency on the lifecycle code).</summary>
public sealed class EnvCatalog
{
    public Dictionary<string, EnvVariable> Variables { get; } = new(StringComparer.Ordinal);

    /// <summary>The declared tenants (<c>tenants:</c>, name and where), empty when the file declares none.</summary>
    public Dictionary<string, Position> Tenants { get; } = new(StringComparer.Ordinal);

    public static EnvCatalog Read(StackFile? file)
    {
        var catalog = new EnvCatalog();
        foreach (var item in file?.Yaml.Get("variables").Items() ?? [])
        {
            if (item.Get("name").Str() is not { } name)
            {
                continue;
            }
            catalog.Variables[name] = new EnvVariable(
                name,
                item.Get("default").Str(),
                item.Get("secret").Bool() ?? false,
                item.Get("path").Str(),
                item.Get("requiredWhen").Str(),
                item.Get("usedBy").Strings().ToList(),
                item.Pos()
            );
        }
        foreach (var item in file?.Yaml.Get("tenants").Items() ?? [])
        {
            if (item.Get("name") is { } name && name.Str() is { Length: > 0 } tenant)
            {
                catalog.Tenants.TryAdd(tenant, name.Pos());
            }
        }
        return catalog;
    }

    public bool Contains(string name) => Variables.ContainsKey(name);

    /// <summary>Values for running real checkers: defaults, and a harmless dummy for secrets and variables without one.</summary>
    public Dictionary<string, string> CheckerEnvironment() =>
        Variables.Values.ToDictionary(
            v => v.Name,
            v => v.Secret || v.Default is null ? DummyValue(v.Name) : v.Default
        );

    private static string DummyValue(string name) =>
        name.Contains("URL", StringComparison.Ordinal) ? "http://validate.invalid/dummy"
        : name.Contains("PORT", StringComparison.Ordinal) ? "1"
        : "validate-dummy";
}
