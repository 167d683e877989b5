using Build.Tools;

namespace Build.Rules;

/// <summary>The rule tools TestRules runs (resolved by <see cref="ToolResolver"/>: path argument, PATH, image); mimirtool: <see cref="Mimirtool.MimirtoolTool"/>.</summary>
public static class RuleTool
{
    /// <summary>The newest Prometheus release (promtool's image; its entrypoint is prometheus). Renovate bumps this line.</summary>
    // renovate: datasource=docker depName=prom/prometheus
    public const string PrometheusImage = "prom/prometheus:v3.14.0";

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
}
