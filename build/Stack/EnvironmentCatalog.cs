using Build.Host;
using Build.Validation;
using Build.Validation.Model;
using YamlDotNet.RepresentationModel;

namespace Build.Stack;

/// <summary>One variable of the environment catalog (<c>stack/env.yaml</c>; schema in docs/contracts.md).</summary>
public sealed record CatalogVariable(string Name, Position Pos)
{
    /// <summary>The Infisical folder the value lives in.</summary>
    public string Path { get; init; } = "/lgtm";
    public bool Secret { get; init; }
    public bool Required { get; init; }
    public string? RequiredWhen { get; init; }

    /// <summary>
    /// The value decides the environment or the tenant (e.g. ENVIRONMENT, TENANT_ID): outside dev it must come
    /// from Infisical, never from the default or the build's shell (both are development values).
    /// </summary>
    public bool PerEnvironment { get; init; }
    public string? Default { get; init; }
    public IReadOnlyList<string> UsedBy { get; init; } = [];
    public string? Description { get; init; }
}

/// <summary>One tenant of the stack (<c>tenants:</c> in <c>stack/env.yaml</c>); <see cref="SelfMonitoring"/>: the components' own metrics go to it.</summary>
public sealed record CatalogTenant(
    string Name,
    string? Description,
    bool SelfMonitoring,
    Position Pos
);

/// <summary>
/// The one reader of <c>stack/env.yaml</c>: every variable the stack reads, secret or not, with its default; and
/// the tenants, both in the file's order and with their positions. Validate reads it leniently (its checks report
/// what is wrong); the lifecycle loads it strictly (<see cref="Load"/>: one line for a broken catalog).
/// </summary>
public sealed class EnvironmentCatalog
{
    public IReadOnlyDictionary<string, CatalogVariable> Variables => _variables;

    /// <summary>The declared tenants in the order <c>env.yaml</c> declares them; empty when it declares none.</summary>
    public IReadOnlyDictionary<string, CatalogTenant> Tenants => _tenants;

    private readonly Dictionary<string, CatalogVariable> _variables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CatalogTenant> _tenants = new(StringComparer.Ordinal);

    public CatalogVariable? Find(string name) => _variables.GetValueOrDefault(name);

    public bool Contains(string name) => _variables.ContainsKey(name);

    /// <summary>The catalog of a parsed file (Validate: nothing thrown; entries without a name are left out).</summary>
    public static EnvironmentCatalog Read(StackFile? file) => Read(file?.Yaml);

    public static EnvironmentCatalog Read(YamlNode? root)
    {
        var catalog = new EnvironmentCatalog();
        foreach (var item in root.Get("variables").Items())
        {
            if (item.Get("name").Str() is { } name)
            {
                catalog._variables[name] = new CatalogVariable(name, item.Pos())
                {
                    Path = item.Get("path").Str() ?? "/lgtm",
                    Secret = item.Get("secret").Bool() ?? false,
                    Required = item.Get("required").Bool() ?? false,
                    RequiredWhen = item.Get("requiredWhen").Str(),
                    PerEnvironment = item.Get("perEnvironment").Bool() ?? false,
                    Default = item.Get("default").Str(),
                    UsedBy = [.. item.Get("usedBy").Strings()],
                    Description = item.Get("description").Str(),
                };
            }
        }
        foreach (var item in root.Get("tenants").Items())
        {
            if (item.Get("name") is { } name && name.Str() is { Length: > 0 } tenant)
            {
                catalog._tenants.TryAdd(
                    tenant,
                    new CatalogTenant(
                        tenant,
                        item.Get("description").Str(),
                        item.Get("selfMonitoring").Bool() ?? false,
                        name.Pos()
                    )
                );
            }
        }
        return catalog;
    }

    public static EnvironmentCatalog Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new BuildException(
                $"Environment catalog not found: {path} (it sits next to the compose file as env.yaml)."
            );
        }
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>The catalog for the lifecycle: a broken one (syntax, a nameless entry, a secret with a default) is one line.</summary>
    public static EnvironmentCatalog Parse(string yaml, string source)
    {
        var root = BoundedYamlParser.ReadRoot(yaml, source);
        foreach (var (list, what) in new[] { ("variables", "variable"), ("tenants", "tenant") })
        {
            if (
                root.Get(list)
                    .Items()
                    .FirstOrDefault(i => string.IsNullOrWhiteSpace(i.Get("name").Str())) is
                { } nameless
            )
            {
                throw new BuildException($"{source}:{nameless.Pos().Line}: a {what} has no name.");
            }
        }
        var catalog = Read(root);
        if (
            catalog.Variables.Values.FirstOrDefault(v => v.Secret && v.Default is not null) is
            { } secret
        )
        {
            throw new BuildException(
                $"{source}: secret {secret.Name} has a default; secrets never have one."
            );
        }
        return catalog;
    }

    /// <summary>Values for running real checkers: defaults, and a harmless dummy for secrets and variables without one.</summary>
    public Dictionary<string, string> CheckerEnvironment() =>
        _variables.Values.ToDictionary(
            v => v.Name,
            v => v.Secret || v.Default is null ? DummyValue(v.Name) : v.Default
        );

    private static string DummyValue(string name) =>
        name.Contains("URL", StringComparison.Ordinal) ? "http://validate.invalid/dummy"
        : name.Contains("PORT", StringComparison.Ordinal) ? "1"
        : "validate-dummy";
}
