namespace Build.Validation.Reference;

/// <summary>What each pinned image contains (the healthcheck comments of stack/docker-compose.yaml say which each service uses): which healthcheck commands can work.</summary>
public sealed record ImageFact(
    string Repository,
    string ReferenceVersion,
    string[] HealthTools,
    string Note,
    Version? HealthSince = null
);

/// <summary>
/// The images Validate knows. <see cref="ImageFact.ReferenceVersion"/> is the version line the static references of
/// this folder describe (written here once; LokiReference and the others read it): a pin outside it is a warning,
/// a patch bump is nothing. The pins themselves live only in stack/docker-compose.yaml.
/// </summary>
public static class ImageFacts
{
    public static readonly ImageFact Grafana = new(
        "grafana/grafana",
        "13",
        ["curl", "wget", "sh", "bash", "CMD-SHELL"],
        "Alpine base with curl"
    );

    public static readonly ImageFact Loki = new(
        "grafana/loki",
        "3.7",
        ["/usr/bin/loki", "loki"],
        "distroless since 3.6.0: no shell/wget; `loki -health` since 3.6.5",
        new Version(3, 6, 5)
    );

    public static readonly ImageFact Mimir = new(
        "grafana/mimir",
        "3.1",
        [],
        "distroless since 3.1.1: no shell, curl, wget or health subcommand"
    );

    public static readonly ImageFact Tempo = new(
        "grafana/tempo",
        "3.0",
        ["/tempo", "tempo"],
        "distroless: no shell/wget; `/tempo -health` since 3.0.0",
        new Version(3, 0, 0)
    );

    public static readonly ImageFact Alloy = new(
        "grafana/alloy",
        "1.18",
        ["bash", "alloy", "/bin/alloy"],
        "Ubuntu base without curl or wget"
    );

    public static readonly IReadOnlyList<ImageFact> All = [Grafana, Loki, Mimir, Tempo, Alloy];

    public static ImageFact? For(string image)
    {
        var repository = image.Split('@')[0];
        var colon = repository.LastIndexOf(':');
        if (colon > repository.LastIndexOf('/'))
        {
            repository = repository[..colon];
        }
        return All.FirstOrDefault(f =>
            f.Repository == repository
            || repository.EndsWith("/" + f.Repository, StringComparison.Ordinal)
        );
    }

    /// <summary>The tag of an image reference (null when none: "latest" by default).</summary>
    public static string? Tag(string image)
    {
        var noDigest = image.Split('@')[0];
        var colon = noDigest.LastIndexOf(':');
        return colon > noDigest.LastIndexOf('/') ? noDigest[(colon + 1)..] : null;
    }
}
