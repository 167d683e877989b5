using Build.Tools;

namespace Build.Rules;

/// <summary>The rule tools TestRules runs (resolved by <see cref="ToolResolver"/>: path argument, PATH, image).</summary>
public static class RuleTool
{
    /// <summary>Same Prometheus line as the stack's newest release (stack/README.md, Versions); the image's entrypoint is prometheus.</summary>
    public const string PrometheusImage = "prom/prometheus:v3.14.0";

    /// <summary>Same version as the stack's Mimir (stack/docker-compose.yaml, MIMIR_IMAGE).</summary>
    public const string MimirtoolImage = "grafana/mimirtool:3.1.1";

    public static readonly ExternalTool Promtool = new(
        "promtool",
        RulesArguments.Promtool,
        PrometheusImage,
        "/bin/promtool",
        "install promtool (Debian/Ubuntu: sudo apt-get install prometheus; elsewhere the prometheus tarball from "
            + "https://prometheus.io/download/), or pass --promtool=PATH, or start Docker so "
            + PrometheusImage
            + " can run"
    );

    public static readonly ExternalTool Mimirtool = new(
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
