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

    /// <summary>The problems <see cref="ICheckArguments{TContext}"/> finds, if the task implements it.</summary>
    IEnumerable<string> ArgumentProblems(ICakeContext context);
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

    Task IFrostingTask.RunAsync(ICakeContext context) => RunAsync(Of(context));

    bool IFrostingTask.ShouldRun(ICakeContext context) => ShouldRun(Of(context));

    void IFrostingTask.OnError(Exception exception, ICakeContext context) =>
        OnError(exception, Of(context));

    void IFrostingTask.Finally(ICakeContext context) => Finally(Of(context));

    IEnumerable<string> IFrostingTask.ArgumentProblems(ICakeContext context) =>
        this is ICheckArguments<TContext> check ? check.ArgumentProblems(Of(context)) : [];

    private TContext Of(ICakeContext context) =>
        context is TContext typed
            ? typed
            : throw new BuildException(
                $"Internal error: task {GetType().Name} needs a {typeof(TContext).Name}, but the host made a {context.GetType().Name}: call UseContext<{typeof(TContext).Name}>() on the host."
            );
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

/// <summary>
/// A task whose argument values can only be checked against the repository or the machine (e.g. the names of
/// the test projects). The host calls it for every task that will run, before any of them runs, and reports
/// every problem at once with exit code 2.
/// </summary>
public interface ICheckArguments<in TContext>
{
    IEnumerable<string> ArgumentProblems(TContext context);
}

/// <summary>Hooks around the whole run, whatever the context type (mirrors Cake.Frosting's IFrostingLifetime).</summary>
public interface IFrostingLifetime
{
    void Setup(ICakeContext context, ISetupContext info);

    void Teardown(ICakeContext context, ITeardownContext info);
}

/// <summary>Hooks around the whole run (mirrors Cake.Frosting's FrostingLifetime).</summary>
public abstract class FrostingLifetime<TContext> : IFrostingLifetime
    where TContext : ICakeContext
{
    public virtual void Setup(TContext context, ISetupContext info) { }

    public virtual void Teardown(TContext context, ITeardownContext info) { }

    void IFrostingLifetime.Setup(ICakeContext context, ISetupContext info) =>
        Setup((TContext)context, info);

    void IFrostingLifetime.Teardown(ICakeContext context, ITeardownContext info) =>
        Teardown((TContext)context, info);
}

/// <summary>Hooks around each task, whatever the context type (mirrors Cake.Frosting's IFrostingTaskLifetime).</summary>
public interface IFrostingTaskLifetime
{
    void Setup(ICakeContext context, ITaskSetupContext info);

    void Teardown(ICakeContext context, ITaskTeardownContext info);
}

/// <summary>Hooks around each task (mirrors Cake.Frosting's FrostingTaskLifetime).</summary>
public abstract class FrostingTaskLifetime<TContext> : IFrostingTaskLifetime
    where TContext : ICakeContext
{
    public virtual void Setup(TContext context, ITaskSetupContext info) { }

    public virtual void Teardown(TContext context, ITaskTeardownContext info) { }

    void IFrostingTaskLifetime.Setup(ICakeContext context, ITaskSetupContext info) =>
        Setup((TContext)context, info);

    void IFrostingTaskLifetime.Teardown(ICakeContext context, ITaskTeardownContext info) =>
        Teardown((TContext)context, info);
}
