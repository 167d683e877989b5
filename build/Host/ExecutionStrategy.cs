using System.Diagnostics;
using Cake.Core;
using Cake.Core.Diagnostics;

namespace Build.Host;

/// <summary>
/// Wraps Cake's default strategy to keep a task report that survives a failure (Cake's engine returns its
/// report only on success), and, for <c>--dryrun</c>, to list the tasks instead of running them.
/// </summary>
internal sealed class ExecutionStrategy(
    ICakeLog log,
    ICakeReportPrinter printer,
    bool dryRun,
    Func<string, string?> skippedMessageOf
) : IExecutionStrategy
{
    private readonly DefaultExecutionStrategy _inner = new(log, printer);

    /// <summary>How many tasks a dry run listed.</summary>
    public int DryRunCount { get; private set; }

    public CakeReport Report { get; } = new();

    public void PerformSetup(Action<ISetupContext> action, ISetupContext context)
    {
        if (!dryRun)
        {
            _inner.PerformSetup(action, context);
        }
    }

    public void PerformTeardown(Action<ITeardownContext> action, ITeardownContext context)
    {
        if (!dryRun)
        {
            _inner.PerformTeardown(action, context);
        }
    }

    public async Task ExecuteAsync(CakeTask task, ICakeContext context)
    {
        if (dryRun)
        {
            log.Information($"{++DryRunCount}. {task.Name}  (dry run: not executed)");
            return;
        }
        var watch = Stopwatch.StartNew();
        try
        {
            await _inner.ExecuteAsync(task, context);
            Report.Add(task.Name, watch.Elapsed);
        }
        catch
        {
            Report.AddFailed(task.Name, watch.Elapsed);
            throw;
        }
    }

    public void Skip(CakeTask task, CakeTaskCriteria criteria)
    {
        var message = skippedMessageOf(task.Name) is { Length: > 0 } m ? m : criteria.Message;
        log.Information(
            "Skipping task {0}: {1}",
            task.Name,
            string.IsNullOrEmpty(message) ? "its condition is false" : message
        );
        Report.AddSkipped(task.Name, message ?? string.Empty);
    }

    public Task ReportErrorsAsync(Func<Exception, Task> action, Exception exception) =>
        _inner.ReportErrorsAsync(action, exception);

    public Task HandleErrorsAsync(
        Func<Exception, ICakeContext, Task> action,
        Exception exception,
        ICakeContext context
    ) => _inner.HandleErrorsAsync(action, exception, context);

    public Task InvokeFinallyAsync(Func<ICakeContext, Task> action, ICakeContext context) =>
        dryRun ? Task.CompletedTask : _inner.InvokeFinallyAsync(action, context);

    public void PerformTaskSetup(
        Action<ITaskSetupContext> action,
        ITaskSetupContext taskSetupContext
    )
    {
        if (!dryRun)
        {
            _inner.PerformTaskSetup(action, taskSetupContext);
        }
    }

    public void PerformTaskTeardown(
        Action<ITaskTeardownContext> action,
        ITaskTeardownContext taskTeardownContext
    )
    {
        if (!dryRun)
        {
            _inner.PerformTaskTeardown(action, taskTeardownContext);
        }
    }
}
