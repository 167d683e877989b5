namespace Build.Image;

/// <summary>Names Caro's image shares with the compose file (<c>docs/contracts.md</c>) and the environment.</summary>
public static class CaroImageNames
{
    /// <summary>The compose service that runs the image.</summary>
    public const string Service = "caro-demo";

    /// <summary>The compose file runs <c>${CARO_IMAGE:-caro-demo:local}</c>; the build tags the same name.</summary>
    public const string ImageVariable = "CARO_IMAGE";

    public const string DefaultImage = "caro-demo:local";

    /// <summary>Overrides the Dockerfile's pinned base (as <c>--base-image=</c> does).</summary>
    public const string BaseImageVariable = "CARO_BASE_IMAGE";

    /// <summary>The base BaseImage builds from this machine's libraries when no name is given.</summary>
    public const string OfflineBase = "caro-base:host";
}
