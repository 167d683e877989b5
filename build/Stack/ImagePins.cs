using Build.Host;
using Build.Validation.Checks;
using Build.Validation.Model;
using Build.Validation.Reference;

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
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BuildException(
                $"Cannot read {path} ({e.Message}): the image pins live there."
            );
        }
        var pins = new Dictionary<string, ImagePin>(StringComparer.Ordinal);
        foreach (var (key, value) in BoundedYamlParser.ReadRoot(text, path).Get(Section).Entries())
        {
            if (
                value.Str() is { } pinned
                && EnvReferences.Find(pinned).FirstOrDefault()
                    is { Operator: ":-" or "-", Argument: { Length: > 0 } image } reference
            )
            {
                pins[key.Value!] = new ImagePin(key.Value!, reference.Name, image);
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
