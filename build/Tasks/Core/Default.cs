using Build.Host;

namespace Build.Tasks.Core;

[TaskName(nameof(Default))]
[TaskDescription("Lists the targets and what they do (like `make help`); touches nothing.")]
public sealed class Default : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) =>
        HelpPrinter.Targets(context.Console, context.Tasks);
}
