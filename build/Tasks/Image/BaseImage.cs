using Build.Docker;
using Build.Host;
using Build.Image;
using Build.Tools;
using Cake.Common.Diagnostics;

namespace Build.Tasks.Image;

[TaskName(nameof(BaseImage))]
[TaskDescription(
    "Builds a runtime base for Caro's image from this machine's own libraries (for machines without a registry); --base-image= names it (default caro-base:host)."
)]
[IsDependentOn(typeof(CaroPublish))]
[TaskArgument(
    ImageArguments.BaseImage,
    "Name of the offline base image to build.",
    Default = "caro-base:host"
)]
public sealed class BaseImage : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var name = context.Args.Get(ImageArguments.BaseImage) ?? CaroImageNames.OfflineBase;
        var image = ImageReference.Parse(name, "--" + ImageArguments.BaseImage);
        if (image.HasRegistry)
        {
            throw new UsageException(
                $"--{ImageArguments.BaseImage}={image} names a registry image; give the offline base a local name such as {CaroImageNames.OfflineBase}."
            );
        }
        var docker = new DockerCli(new CommandRunner());
        await docker.EnsureEngineAsync(context.CancellationToken);
        var binary = CaroPublishSettings.Binary(context.Paths);
        var built = await new OfflineBaseImage(docker).EnsureAsync(
            image.ToString(),
            [binary],
            cancellation: context.CancellationToken
        );
        context.Information(
            built
                ? "Built {0} from this machine's libraries; use it with --base-image={0} (or CARO_BASE_IMAGE={0})."
                : "{0} already exists: kept (docker rmi it to rebuild); use it with --base-image={0}.",
            image
        );
    }
}
