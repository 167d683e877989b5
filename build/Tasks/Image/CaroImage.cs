using Build.Docker;
using Build.Host;
using Build.Image;
using Build.Tools;
using Cake.Common.Diagnostics;

namespace Build.Tasks.Image;

[TaskName(nameof(CaroImage))]
[TaskDescription(
    "Builds Caro's container image from caro/Dockerfile (tags caro-demo:<content hash> and caro-demo:local); skips when nothing changed. --base-image=/CARO_BASE_IMAGE override the base; --no-build reuses the last image."
)]
[IsDependentOn(typeof(CaroPublish))]
[TaskArgumentsFrom(typeof(ImageScope))]
public sealed class CaroImage : AsyncFrostingTask<BuildContext>
{
    public override bool ShouldRun(BuildContext context)
    {
        // --no-build still runs (to check the image to reuse exists); --services without Caro does not.
        SkippedMessage = ImageScope.NotWanted(context) ?? "";
        return SkippedMessage.Length == 0;
    }

    public override async Task RunAsync(BuildContext context)
    {
        var docker = new DockerCli(new CommandRunner());
        await docker.EnsureEngineAsync(context.CancellationToken);
        var local = ImageScope.LocalImage(context);
        if (context.Args.Flag(ImageArguments.NoBuild))
        {
            if (!await docker.ImageExistsAsync(local.ToString(), context.CancellationToken))
            {
                throw new BuildException(
                    $"--no-build: there is no {local} image to reuse yet; run once without --no-build."
                );
            }
            context.Information("--no-build: reusing {0} as it is.", local);
            return;
        }

        var labels = await ImageLabels.ReadAsync(
            docker.Runner,
            context.Paths.Root.FullPath,
            CaroPublishSettings.Project(context.Paths),
            CaroPublishSettings.SourcePaths,
            context.Environment.GetEnvironmentVariable,
            context.CancellationToken
        );
        var request = new CaroImageRequest(
            CaroPublishSettings.OutputDirectory(context.Paths),
            context.Paths.Caro.CombineWithFilePath("Dockerfile").FullPath,
            ImageScope.BaseImage(context),
            local,
            labels
        );
        using var publishLock = PublishLock.Acquire(
            CaroPublishSettings.WorkDirectory(context.Paths),
            message => context.Information("{0}", message),
            context.CancellationToken
        );
        await new CaroImageBuilder(
            docker,
            m => context.Information("{0}", m),
            m => context.Verbose("{0}", m)
        ).BuildAsync(
            request,
            context.Environment.GetEnvironmentVariable,
            context.CancellationToken
        );
    }
}
