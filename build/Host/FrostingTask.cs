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

/// <summary>Hooks around the run or around each task, whatever the context type (what the host calls).</summary>
public interface IFrostingLifetime<in TSetup, in TTeardown>
{
    void Setup(ICakeContext context, TSetup info);

    void Teardown(ICakeContext context, TTeardown info);
}

/// <summary>Setup and Teardown for one context type; the two lifetimes below differ only in what they wrap.</summary>
public abstract class FrostingLifetime<TContext, TSetup, TTeardown>
    : IFrostingLifetime<TSetup, TTeardown>
    where TContext : ICakeContext
{
    public virtual void Setup(TContext context, TSetup info) { }

    public virtual void Teardown(TContext context, TTeardown info) { }

    void IFrostingLifetime<TSetup, TTeardown>.Setup(ICakeContext context, TSetup info) =>
        Setup((TContext)context, info);

    void IFrostingLifetime<TSetup, TTeardown>.Teardown(ICakeContext context, TTeardown info) =>
        Teardown((TContext)context, info);
}

/// <summary>Hooks around the whole run (mirrors Cake.Frosting's FrostingLifetime).</summary>
public abstract class FrostingLifetime<TContext>
    : FrostingLifetime<TContext, ISetupContext, ITeardownContext>
    where TContext : ICakeContext;

/// <summary>Hooks around each task (mirrors Cake.Frosting's FrostingTaskLifetime).</summary>
public abstract class FrostingTaskLifetime<TContext>
    : FrostingLifetime<TContext, ITaskSetupContext, ITaskTeardownContext>
    where TContext : ICakeContext;
