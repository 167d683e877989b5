using Build.Host;
using Build.Validation.Checks;
using Build.Validation.Reference;
using YamlDotNet.RepresentationModel;

namespace Build.Stack;

/// <summary>One image pin of <c>x-images</c>: <c>loki: &amp;loki-image ${LOKI_IMAGE:-grafana/loki:&lt;tag&gt;}</c>.</summary>
public sealed record ImagePin(string Name, string Variable, string Image)
{
    /// <summary>The tag (<c>3.7.6</c>, <c>v1.18.1</c>), null when the pin has none.</summary>
    public string? Tag => ImageFacts.Tag(Image);
}

/// <summary>
/// The image pins of <c>stack/docker-compose.yaml</c>'s <c>x-images</c>, the one place a version is written (each
/// line carries the Renovate annotation that bumps it). Whatever else needs a version (mimirtool's image, the tests,
/// the docs) reads it from there.
/// </summary>
public static class ImagePins
{
    public const string Section = "x-images";

    /// <summary>The pins by name (<c>loki</c>, <c>mimir</c>...): the default of each <c>${NAME_IMAGE:-image}</c>.</summary>
    public static IReadOnlyDictionary<string, ImagePin> Read(string stackDirectory)
    {
        var path = Path.Combine(stackDirectory, StackLayout.ComposeFile);
        var yaml = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            yaml.Load(reader);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BuildException(
                $"Cannot read {path} ({e.Message}): the image pins live there."
            );
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new BuildException(
                $"{path} is not valid YAML (line {e.Start.Line}): run ./build.sh --target=Validate."
            );
        }
        var pins = new Dictionary<string, ImagePin>(StringComparer.Ordinal);
        if (
            yaml.Documents.Count > 0
            && yaml.Documents[0].RootNode is YamlMappingNode root
            && root.Children.TryGetValue(new YamlScalarNode(Section), out var section)
            && section is YamlMappingNode images
        )
        {
            foreach (var (key, value) in images.Children)
            {
                if (
                    value is YamlScalarNode { Value: { } text }
                    && EnvReferences.Find(text).FirstOrDefault()
                        is { Operator: ":-" or "-", Argument: { Length: > 0 } image } reference
                )
                {
                    pins[key.ToString()] = new ImagePin(key.ToString(), reference.Name, image);
                }
            }
        }
        return pins;
    }

    /// <summary>The pin called <paramref name="name"/>; one clear line when the compose file has none.</summary>
    public static ImagePin Get(string stackDirectory, string name) =>
        Read(stackDirectory).TryGetValue(name, out var pin)
            ? pin
            : throw new BuildException(
                $"{Path.Combine(stackDirectory, StackLayout.ComposeFile)} has no {Section} pin '{name}' "
                    + $"(`{name}: ${{{name.ToUpperInvariant()}_IMAGE:-<repository>:<tag>}}`): restore it from git."
            );
}
