using Build.Host;
using Build.Image;

namespace Build.Tasks.Image;

[TaskName(nameof(CaroPublish))]
[TaskDescription(
    "Publishes Caro for linux-x64 (self-contained, single file, trimmed, its start-up path precompiled) into .build/artifacts/caro/; skips when its inputs did not change. --ready-to-run=full|none: everything or nothing precompiled (figures in build/Image/CaroPublishSettings.cs)."
)]
[TaskArgumentsFrom(typeof(ImageScope))]
[TaskArgument(
    ImageArguments.ReadyToRun,
    "Precompile the start-up path (startup), everything (full: larger image) or nothing (none: slower start).",
    Values = ["startup", "full", "none"],
    Default = "startup"
)]
public sealed class CaroPublish : FrostingTask<BuildContext>
{
    public override bool ShouldRun(BuildContext context)
    {
        SkippedMessage = ImageScope.SkipReason(context) ?? "";
        return SkippedMessage.Length == 0;
    }

    public override void Run(BuildContext context) =>
        new CaroPublisher(
            context,
            new CaroPublishSettings(
                CaroPublishSettings.ParseMode(context.Args.Get(ImageArguments.ReadyToRun))
            )
        ).Publish();
}
