namespace Build.Rules.Tools;

/// <summary>A rule tool TestRules runs, and where to get it.</summary>
/// <param name="Name">Binary name, looked up on PATH.</param>
/// <param name="ArgumentName">The <c>--name=PATH</c> argument that points at the binary.</param>
/// <param name="Image">The official image (pinned) used through Docker when the binary is not installed.</param>
/// <param name="Entrypoint">The binary inside <paramref name="Image"/>.</param>
/// <param name="InstallHint">What the user should do when the tool cannot be found.</param>
public sealed record RuleTool(
    string Name,
    string ArgumentName,
    string Image,
    string Entrypoint,
    string InstallHint
)
{
    /// <summary>Same Prometheus line as the stack's newest release (stack-facts §1); the image's entrypoint is prometheus.</summary>
    public const string PrometheusImage = "prom/prometheus:v3.14.0";

    /// <summary>Same version as the stack's Mimir (stack/docker-compose.yaml, MIMIR_IMAGE).</summary>
    public const string MimirtoolImage = "grafana/mimirtool:3.1.1";

    public static readonly RuleTool Promtool = new(
        "promtool",
        RulesArguments.Promtool,
        PrometheusImage,
        "/bin/promtool",
        "install promtool (Debian/Ubuntu: sudo apt-get install prometheus; elsewhere the prometheus tarball from "
            + "https://prometheus.io/download/), or pass --promtool=PATH, or start Docker so "
            + PrometheusImage
            + " can run"
    );

    public static readonly RuleTool Mimirtool = new(
        "mimirtool",
        RulesArguments.Mimirtool,
        MimirtoolImage,
        "/bin/mimirtool",
        "install mimirtool (the mimirtool-linux-amd64 asset of https://github.com/grafana/mimir/releases/tag/mimir-3.1.1, "
            + "saved as mimirtool on PATH and made executable), or pass --mimirtool=PATH, or start Docker so "
            + MimirtoolImage
            + " can run"
    );
}
