using Build.Host;
using Build.Lifecycle;

namespace Build.Image;

/// <summary>When CaroPublish and CaroImage have nothing to do: <c>--no-build</c>, or <c>--services</c> without Caro.</summary>
[TaskArgument(
    ImageArguments.NoBuild,
    "Reuse the last Caro image instead of publishing and building it.",
    Kind = ArgumentKind.Flag
)]
[TaskArgumentsFrom(typeof(ServiceSelection))]
[TaskArgument(
    ImageArguments.BaseImage,
    "The runtime base of Caro's image.",
    Default = "$CARO_BASE_IMAGE, else the Dockerfile's pinned runtime-deps"
)]
public static class ImageScope
{
    /// <summary>Null when Caro should be published, else the reason it is not.</summary>
    public static string? SkipReason(BuildContext context) =>
        context.Args.Flag(ImageArguments.NoBuild)
            ? "--no-build: the last Caro image is reused"
            : NotWanted(context);

    /// <summary>Null when Caro runs in this Up (or no service list was given), else why its image is not needed.</summary>
    public static string? NotWanted(BuildContext context)
    {
        var services = ServiceSelection.Of(context);
        if (
            services.Count > 0
            && !services.Contains(CaroImageNames.Service, StringComparer.Ordinal)
        )
        {
            return $"--services does not include {CaroImageNames.Service}";
        }
        return null;
    }

    /// <summary>The image the compose file runs: <c>CARO_IMAGE</c>, default <c>caro-demo:local</c>.</summary>
    public static ImageReference LocalImage(BuildContext context) =>
        ImageReference.Parse(
            context.Environment.GetEnvironmentVariable(CaroImageNames.ImageVariable)
                is { Length: > 0 } name
                ? name
                : CaroImageNames.DefaultImage,
            CaroImageNames.ImageVariable
        );

    /// <summary><c>--base-image</c>, else <c>CARO_BASE_IMAGE</c>, else null (the Dockerfile's pinned default).</summary>
    public static ImageReference? BaseImage(BuildContext context)
    {
        if (context.Args.Get(ImageArguments.BaseImage) is { } argument)
        {
            return ImageReference.Parse(argument, "--" + ImageArguments.BaseImage);
        }
        return
            context.Environment.GetEnvironmentVariable(CaroImageNames.BaseImageVariable)
                is { Length: > 0 } variable
            ? ImageReference.Parse(variable, CaroImageNames.BaseImageVariable)
            : null;
    }
}
