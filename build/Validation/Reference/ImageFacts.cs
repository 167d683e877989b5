namespace Build.Validation.Reference;

/// <summary>What each pinned image contains (the healthcheck comments of stack/docker-compose.yaml say which each service uses): which healthcheck commands can work.</summary>
public sealed record ImageFact(
    string Repository,
    string ReferenceVersion,
    string[] HealthTools,
    string Note,
    Version? HealthSince = null
);

public static class ImageFacts
{
    public static readonly IReadOnlyList<ImageFact> All =
    [
        new(
            "grafana/grafana",
            "13",
            ["curl", "wget", "sh", "bash", "CMD-SHELL"],
            "Alpine base with curl"
        ),
        new(
            "grafana/loki",
            "3.7",
            ["/usr/bin/loki", "loki"],
            "distroless since 3.6.0: no shell/wget; `loki -health` since 3.6.5",
            new Version(3, 6, 5)
        ),
        new(
            "grafana/mimir",
            "3.1",
            [],
            "distroless since 3.1.1: no shell, curl, wget or health subcommand"
        ),
        new(
            "grafana/tempo",
            "3.0",
            ["/tempo", "tempo"],
            "distroless: no shell/wget; `/tempo -health` since 3.0.0",
            new Version(3, 0, 0)
        ),
        new(
            "grafana/alloy",
            "1.18",
            ["bash", "alloy", "/bin/alloy"],
            "Ubuntu base without curl or wget"
        ),
    ];

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
