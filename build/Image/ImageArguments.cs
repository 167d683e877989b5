using Build.Lifecycle;

namespace Build.Image;

/// <summary>Arguments of CaroPublish, CaroImage and BaseImage.</summary>
public static class ImageArguments
{
    /// <summary>
    /// The runtime base of Caro's image (default: the Dockerfile's pinned runtime-deps; env <c>CARO_BASE_IMAGE</c>).
    /// For BaseImage: the name of the offline base it builds (default <c>caro-base:host</c>).
    /// </summary>
    public const string BaseImage = "base-image";

    /// <summary>Reuse the last image instead of publishing and building (shared with Up).</summary>
    public const string NoBuild = LifecycleArguments.NoBuild;

    /// <summary>
    /// How much of Caro is precompiled: <c>startup</c> (default), <c>full</c> or <c>none</c>
    /// (<see cref="Build.Image.ReadyToRunMode"/>; figures in build/Image/CaroPublishSettings.cs).
    /// </summary>
    public const string ReadyToRun = "ready-to-run";
}
