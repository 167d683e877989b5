using Build.Stack;
using Build.Tools;

namespace Build.Rules.Mimirtool;

/// <summary>
/// mimirtool as TestRules resolves it. Grafana releases mimirtool with Mimir, under the same version, so its image
/// and release page follow the stack's Mimir pin (<c>x-images</c> of stack/docker-compose.yaml): bumping Mimir
/// bumps mimirtool, nothing else names a version.
/// </summary>
public static class MimirtoolTool
{
    public static ExternalTool For(string stackDirectory)
    {
        var mimir = ImagePins.Get(stackDirectory, "mimir");
        var version = mimir.Tag ?? "latest";
        var image = "grafana/mimirtool:" + version;
        return new ExternalTool(
            "mimirtool",
            RulesArguments.Mimirtool,
            image,
            "/bin/mimirtool",
            $"install mimirtool (the mimirtool-linux-amd64 asset of https://github.com/grafana/mimir/releases/tag/mimir-{version}, "
                + $"saved as mimirtool on PATH and made executable), or pass --mimirtool=PATH, or start Docker so {image} can run"
        );
    }
}
