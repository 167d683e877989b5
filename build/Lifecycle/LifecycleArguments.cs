namespace Build.Lifecycle;

/// <summary>Arguments of the stack lifecycle targets (EnvCheck, Up, Down, Restart, Ps, Logs, Reset, WaitHealthy).</summary>
public static class LifecycleArguments
{
    /// <summary><c>infisical</c> (default) or <c>local</c> (catalog defaults + development-only secrets, dev only).</summary>
    public const string Secrets = "secrets";

    /// <summary>Compose project name (default <c>lgtm</c>, or env <see cref="ProjectNameVariable"/>).</summary>
    public const string ProjectName = "project-name";

    public const string ProjectNameVariable = "LGTM_PROJECT_NAME";
    public const string DefaultProjectName = "lgtm";

    /// <summary>Only these services (<c>--services=loki,grafana</c>); Up starts them with <c>--no-deps</c>.</summary>
    public const string Services = "services";

    /// <summary>The one service Logs shows (<c>--service=alloy</c>, or env <see cref="ServiceVariable"/>).</summary>
    public const string Service = "service";

    public const string ServiceVariable = "SVC";

    /// <summary>Logs keeps streaming until Ctrl+C.</summary>
    public const string Follow = "follow";

    /// <summary>Logs shows the last N lines of each container (default 100).</summary>
    public const string Tail = "tail";

    /// <summary>WaitHealthy's deadline in seconds (default 180).</summary>
    public const string Timeout = "timeout";

    /// <summary>Reset deletes the data without asking.</summary>
    public const string Yes = "yes";

    /// <summary>Up reuses the last Caro image instead of building it (read by the Caro image target).</summary>
    public const string NoBuild = "no-build";

    /// <summary>The compose file (default <c>stack/docker-compose.yaml</c>); its folder holds env.yaml and data/.</summary>
    public const string ComposeFile = "compose-file";
}
