using Cake.Core;

namespace Build.Host;

/// <summary>What the host needs from a task, whatever its context type (mirrors Cake.Frosting's IFrostingTask).</summary>
public interface IFrostingTask
{
    /// <summary>Why the task was skipped; set it in <c>ShouldRun</c> before returning false.</summary>
    string SkippedMessage { get; }

    Task RunAsync(ICakeContext context);

    bool ShouldRun(ICakeContext context);

    void OnError(Exception exception, ICakeContext context);

    void Finally(ICakeContext context);
}

/// <summary>An asynchronous task. Override <see cref="RunAsync(TContext)"/>.</summary>
public abstract class AsyncFrostingTask<TContext> : IFrostingTask
    where TContext : ICakeContext
{
    public string SkippedMessage { get; protected set; } = string.Empty;

    public virtual Task RunAsync(TContext context) => Task.CompletedTask;

    public virtual bool ShouldRun(TContext context) => true;

    public virtual void OnError(Exception exception, TContext context) { }

    public virtual void Finally(TContext context) { }

    Task IFrostingTask.RunAsync(ICakeContext context) => RunAsync((TContext)context);

    bool IFrostingTask.ShouldRun(ICakeContext context) => ShouldRun((TContext)context);

    void IFrostingTask.OnError(Exception exception, ICakeContext context) =>
        OnError(exception, (TContext)context);

    void IFrostingTask.Finally(ICakeContext context) => Finally((TContext)context);
}

/// <summary>A synchronous task. Override <see cref="Run(TContext)"/>.</summary>
public abstract class FrostingTask<TContext> : AsyncFrostingTask<TContext>
    where TContext : ICakeContext
{
    public virtual void Run(TContext context) { }

    public sealed override Task RunAsync(TContext context)
    {
        Run(context);
        return Task.CompletedTask;
    }
}

/// <summary>Hooks around the whole run (mirrors Cake.Frosting's FrostingLifetime).</summary>
public abstract class FrostingLifetime<TContext>
    where TContext : ICakeContext
{
    public virtual void Setup(TContext context, ISetupContext info) { }

    public virtual void Teardown(TContext context, ITeardownContext info) { }
}

/// <summary>Hooks around each task (mirrors Cake.Frosting's FrostingTaskLifetime).</summary>
public abstract class FrostingTaskLifetime<TContext>
    where TContext : ICakeContext
{
    public virtual void Setup(TContext context, ITaskSetupContext info) { }

    public virtual void Teardown(TContext context, ITaskTeardownContext info) { }
}
