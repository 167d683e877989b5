using Build.Host;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Build.Secrets;

/// <summary>One variable of the environment catalog (<c>stack/env.yaml</c>; schema in docs/contracts.md).</summary>
public sealed class CatalogVariable
{
    public string Name { get; set; } = "";
    public string Path { get; set; } = "/lgtm";
    public bool Secret { get; set; }
    public bool Required { get; set; }
    public string? RequiredWhen { get; set; }

    /// <summary>
    /// The value decides the environment or the tenant (e.g. ENVIRONMENT, TENANT_ID): outside dev it must come
    /// from Infisical, never from the default or the build's shell (both are development values).
    /// </summary>
    public bool PerEnvironment { get; set; }
    public string? Default { get; set; }
    public List<string> UsedBy { get; set; } = [];
    public string? Description { get; set; }
}

/// <summary>One tenant of the stack (<c>tenants:</c> in <c>stack/env.yaml</c>).</summary>
public sealed class CatalogTenant
{
    public string Name { get; set; } = "";
    public string? Description { get; set; }

    /// <summary>The tenant the components' own metrics go to.</summary>
    public bool SelfMonitoring { get; set; }
}

/// <summary>The environment catalog: every variable the stack reads, secret or not, with its default; and the tenants.</summary>
public sealed class EnvironmentCatalog
{
    private EnvironmentCatalog(
        IReadOnlyList<CatalogVariable> variables,
        IReadOnlyList<CatalogTenant> tenants
    )
    {
        Variables = variables;
        Tenants = tenants;
    }

    public IReadOnlyList<CatalogVariable> Variables { get; }

    /// <summary>The tenants the stack serves, in the order <c>env.yaml</c> declares them.</summary>
    public IReadOnlyList<CatalogTenant> Tenants { get; }

    public CatalogVariable? Find(string name) => Variables.FirstOrDefault(v => v.Name == name);

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

    public static EnvironmentCatalog Parse(string yaml, string source)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .IgnoreUnmatchedProperties()
            .Build();
        Document? document;
        try
        {
            document = deserializer.Deserialize<Document?>(yaml);
        }
        catch (YamlException e)
        {
            throw new BuildException(
                $"{source}:{e.Start.Line}: cannot read the environment catalog: {e.InnerException?.Message ?? e.Message}"
            );
        }
        var variables = document?.Variables ?? [];
        var invalid = variables.FirstOrDefault(v => string.IsNullOrWhiteSpace(v.Name));
        if (invalid is not null)
        {
            throw new BuildException($"{source}: a variable has no name.");
        }
        var secretWithDefault = variables.FirstOrDefault(v => v.Secret && v.Default is not null);
        if (secretWithDefault is not null)
        {
            throw new BuildException(
                $"{source}: secret {secretWithDefault.Name} has a default; secrets never have one."
            );
        }
        var tenants = document?.Tenants ?? [];
        if (tenants.Any(t => string.IsNullOrWhiteSpace(t.Name)))
        {
            throw new BuildException($"{source}: a tenant has no name.");
        }
        return new EnvironmentCatalog(variables, tenants);
    }

    private sealed class Document
    {
        public List<CatalogVariable> Variables { get; set; } = [];
        public List<CatalogTenant> Tenants { get; set; } = [];
    }
}
