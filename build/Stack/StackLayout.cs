namespace Build.Stack;

/// <summary>
/// The stack folder's layout, written once: its compose file, the two catalogs, the runtime data folder, and the
/// usual places of Mimir's per-tenant stores (one sub-folder of rule files per tenant, one Alertmanager
/// configuration per tenant). Validate follows mimir.yaml's own settings through the bind mounts when they differ.
/// </summary>
public static class StackLayout
{
    public const string ComposeFile = "docker-compose.yaml";
    public const string EnvFile = "env.yaml";
    public const string MetricsFile = "metrics.yaml";
    public const string Data = "data";
    public const string Config = "config";
    public const string RulesFolder = "config/mimir/rules";
    public const string AlertmanagerFolder = "config/mimir/alertmanager";

    /// <summary>The compose file names compose itself looks for, preferred first.</summary>
    public static readonly string[] ComposeNames = [ComposeFile, "docker-compose.yml"];

    /// <summary>The compose file of a stack folder (the first of <see cref="ComposeNames"/> that exists), or null.</summary>
    public static string? FindCompose(string stackDirectory) =>
        ComposeNames.Select(n => Path.Combine(stackDirectory, n)).FirstOrDefault(File.Exists);
}
