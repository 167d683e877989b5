using Build;
using Build.Host;

// Ctrl+C cancels the token the tasks receive (BuildContext.CancellationToken); a second Ctrl+C kills the process.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (!cancellation.IsCancellationRequested)
    {
        e.Cancel = true;
        cancellation.Cancel();
    }
};

return await new BuildHost()
    .UseLifetime<BuildLifetime>()
    .UseTaskLifetime<TaskLifetime>()
    .RunAsync(args, cancellation.Token);
