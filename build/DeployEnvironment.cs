using Build.Host;

namespace Build;

/// <summary>The environment a target works against (Infisical environment slug in lower case).</summary>
public enum DeployEnvironment
{
    Dev,
    Staging,
    Prod,
}

public static class DeployEnvironments
{
    public static readonly IReadOnlyList<string> Names = ["dev", "staging", "prod"];

    /// <summary>The Infisical slug: <c>dev</c>, <c>staging</c> or <c>prod</c>.</summary>
    public static string Slug(this DeployEnvironment environment) =>
        environment.ToString().ToLowerInvariant();

    public static DeployEnvironment Parse(string value, string source) =>
        value.Trim().ToLowerInvariant() switch
        {
            "dev" or "development" => DeployEnvironment.Dev,
            "staging" => DeployEnvironment.Staging,
            "prod" or "production" => DeployEnvironment.Prod,
            _ => throw new UsageException(
                $"Unknown environment '{value}' (from {source}). Valid values: {string.Join(", ", Names)}."
            ),
        };
}
