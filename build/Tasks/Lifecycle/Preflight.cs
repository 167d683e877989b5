using Build.Host;
using Build.Lifecycle;
using Build.Secrets;

namespace Build.Tasks.Lifecycle;

[TaskName(nameof(Preflight))]
[TaskDescription(
    "Up's first step, before any image is built: Docker engine reachable, compose present, secrets resolved (Infisical or --secrets=local) with every required variable set."
)]
[TaskArgumentsFrom(typeof(StackSession))]
public sealed class Preflight : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var session = context.Stack;
        var resolved = await CheckAsync(session);
        session.Info(
            $"Preflight: Docker engine reachable, {(await session.ComposeAsync()).Flavor} compose, {resolved.Variables.Count(v => v.IsSet)} variable(s) resolved for {context.DeployEnvironment.Slug()} ({(session.SecretsMode == SecretsMode.Local ? "local development secrets" : "Infisical")})."
        );
    }

    /// <summary>The checks, shared with Up (which repeats them cheaply when run with --exclusive): one line per failure.</summary>
    public static async Task<ResolvedEnvironment> CheckAsync(StackSession session)
    {
        await session.Docker.EnsureEngineAsync(session.Cancellation);
        await session.ComposeAsync();
        var resolved = await session.Secrets.ResolveAsync(session.Cancellation);
        if (resolved.DescribeMissing(session.Context.DeployEnvironment.Slug()) is { } missing)
        {
            throw new BuildException("Cannot start: " + missing);
        }
        return resolved;
    }
}
