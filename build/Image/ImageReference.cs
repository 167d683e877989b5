using System.Text.RegularExpressions;
using Build.Host;

namespace Build.Image;

/// <summary>An image name split into repository and tag (<c>caro-demo:local</c>, <c>localhost:5000/caro:1</c>).</summary>
public sealed partial record ImageReference(string Repository, string Tag)
{
    public override string ToString() => $"{Repository}:{Tag}";

    public ImageReference WithTag(string tag) => this with { Tag = tag };

    /// <summary>Parses <paramref name="text"/>; a missing tag means <c>latest</c>, as docker reads it.</summary>
    public static ImageReference Parse(string text, string source)
    {
        var name = text.Trim();
        if (name.Contains('@') || !NamePattern().IsMatch(name))
        {
            throw new UsageException(
                $"{source} '{text}' is not an image name such as caro-demo:local (lower-case repository, optional :tag)."
            );
        }
        var slash = name.LastIndexOf('/');
        var colon = name.LastIndexOf(':');
        return colon > slash
            ? new ImageReference(name[..colon], name[(colon + 1)..])
            : new ImageReference(name, "latest");
    }

    /// <summary>True when the first path part is a registry host (<c>mcr.microsoft.com/...</c>, <c>localhost:5000/...</c>).</summary>
    public bool HasRegistry
    {
        get
        {
            var slash = Repository.IndexOf('/');
            if (slash < 0)
            {
                return false;
            }
            var first = Repository[..slash];
            return first.Contains('.') || first.Contains(':') || first == "localhost";
        }
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._/:-]*[a-zA-Z0-9_.-]$")]
    private static partial Regex NamePattern();
}
