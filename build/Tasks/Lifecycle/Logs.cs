using Build.Docker;
using Build.Host;
using Build.Lifecycle;

namespace Build.Tasks.Lifecycle;

[TaskName(nameof(Logs))]
[TaskDescription(
    "Shows the stack's container logs (secrets masked): --service=X (or SVC=X), --tail=N (default 100), --follow."
)]
[TaskArgumentsFrom(typeof(StackSession))]
[TaskArgument(LifecycleArguments.Service, "The one service to show.", Default = "$SVC, else all")]
[TaskArgument(LifecycleArguments.Follow, "Keep streaming until Ctrl+C.", Kind = ArgumentKind.Flag)]
[TaskArgument(
    LifecycleArguments.Tail,
    "The last N lines of each container.",
    Kind = ArgumentKind.Number,
    Default = "100",
    Min = 0,
    Max = 1_000_000,
    Unit = "lines"
)]
public sealed class Logs : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var session = context.Stack;
        var compose = await session.OpenAsync();
        var tail = context.Args.GetInt(LifecycleArguments.Tail);
        var follow = context.Args.Flag(LifecycleArguments.Follow);
        var service =
            context.Args.Get(LifecycleArguments.Service)
            ?? session.Variable(LifecycleArguments.ServiceVariable);
        if (!string.IsNullOrEmpty(service))
        {
            session.SelectServices(compose, [service]);
        }

        // Masked with the secrets the containers hold, whatever --secrets mode started them (no Infisical call).
        await session.UseRunningSecretsAsync();

        var containers = (
            await session.Docker.ProjectContainersAsync(session.Project, session.Cancellation)
        )
            .Where(c => string.IsNullOrEmpty(service) || c.Service == service)
            .ToList();
        if (containers.Count == 0)
        {
            throw new BuildException(
                $"No container of project {session.Project}{(string.IsNullOrEmpty(service) ? "" : $" for {service}")}: start it with --target=Up."
            );
        }
        var width = containers.Max(c => c.Service.Length);
        var output = new object();
        void Write(ContainerState c, string line)
        {
            lock (output)
            {
                context.Console.WriteLine(
                    "{0}",
                    session.Masker.Apply($"{c.Service.PadRight(width)} | {line}")
                );
            }
        }

        async Task Stream(ContainerState c)
        {
            string[] arguments =
            [
                "logs",
                "--tail",
                tail.ToString(),
                .. follow ? new[] { "--follow" } : [],
                c.Id,
            ];
            try
            {
                await session.Runner.RunAsync(
                    session.Docker.Command(arguments) with
                    {
                        OnOutput = line => Write(c, line),
                        OnError = line => Write(c, line),
                    },
                    session.Cancellation
                );
            }
            catch (OperationCanceledException) when (follow)
            {
                // Ctrl+C ends --follow.
            }
        }

        if (follow)
        {
            await Task.WhenAll(containers.Select(Stream));
        }
        else
        {
            foreach (var container in containers)
            {
                await Stream(container);
            }
        }
    }
}
