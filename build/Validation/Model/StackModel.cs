using Build.Stack;

namespace Build.Validation.Model;

/// <summary>A rule file or Alertmanager config of one tenant.</summary>
public sealed record TenantFile(string Tenant, StackFile File);

/// <summary>Every file of the stack, parsed, with the role each plays.</summary>
public sealed class StackModel
{
    public required string Root { get; init; }
    public required string StackDirectory { get; init; }
    public Dictionary<string, StackFile> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>True when the stack folder or its compose file cannot be read: nothing else is checked.</summary>
    public bool Unreadable { get; set; }

    /// <summary>Every folder the loader listed (full path, links not resolved), with its entries.</summary>
    public Dictionary<string, IReadOnlyList<FolderEntry>> Folders { get; } =
        new(StringComparer.Ordinal);

    /// <summary>The text of each env_file the compose file names, by full path (absent when unreadable).</summary>
    public Dictionary<string, string> EnvFileTexts { get; } = new(StringComparer.Ordinal);

    public StackFile? Compose { get; set; }
    public List<ComposeService> Services { get; } = [];
    public StackFile? EnvFile { get; set; }
    public EnvironmentCatalog Env { get; set; } = new();
    public StackFile? MetricsFile { get; set; }
    public MetricsCatalog Metrics { get; set; } = new();

    public StackFile? Loki { get; set; }
    public List<StackFile> LokiRuntime { get; } = [];
    public StackFile? Mimir { get; set; }
    public List<StackFile> MimirRuntime { get; } = [];
    public StackFile? Tempo { get; set; }
    public List<StackFile> TempoOverrides { get; } = [];
    public StackFile? Alloy { get; set; }
    public List<StackFile> GrafanaDatasources { get; } = [];
    public List<StackFile> GrafanaProviders { get; } = [];
    public List<StackFile> Dashboards { get; } = [];
    public List<TenantFile> RuleFiles { get; } = [];
    public List<TenantFile> AlertmanagerConfigs { get; } = [];

    /// <summary>Folder of the Mimir ruler's local store and of its Alertmanager store, when found.</summary>
    public string? RulesDirectory { get; set; }
    public string? AlertmanagerDirectory { get; set; }

    /// <summary>The stack folder relative to the root (<c>stack</c> normally); finding paths start with it.</summary>
    public string Prefix => Relative(StackDirectory);

    /// <summary>Path of a file of the stack as findings print it.</summary>
    public string InStack(string relative) => $"{Prefix}/{relative}";

    /// <summary>True when a file under <c>stack/&lt;folder&gt;</c> failed to parse: its parse error is the finding, not its absence.</summary>
    public bool HasUnparsed(string folder, FileKind? kind = null) =>
        Files.Values.Any(f =>
            !f.Parsed
            && (kind is null || f.Kind == kind)
            && f.Path.StartsWith(InStack(folder), StringComparison.Ordinal)
        );

    /// <summary>The entries of a folder the loader listed, or null when it was not listed (absent, unreadable, data/).</summary>
    public IReadOnlyList<FolderEntry>? FolderAt(string fullPath) =>
        Folders.GetValueOrDefault(Path.TrimEndingDirectorySeparator(Path.GetFullPath(fullPath)));

    public ComposeService? Service(string name) => Services.FirstOrDefault(s => s.Name == name);

    public string Relative(string fullPath) =>
        Path.GetRelativePath(Root, fullPath).Replace('\\', '/');

    public StackFile? FileAt(string fullPath) => Files.GetValueOrDefault(Relative(fullPath));

    /// <summary>Top-level keys of a YAML file.</summary>
    public static HashSet<string> TopKeys(StackFile file) => file.Yaml.Keys().ToHashSet();
}
