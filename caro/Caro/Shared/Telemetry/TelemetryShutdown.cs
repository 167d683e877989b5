using System.Diagnostics;
using Caro.Shared.Settings;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Caro.Shared.Telemetry;

/// <summary>
/// Ends the three OpenTelemetry pipelines once the host has stopped (requests drained), in parallel and
/// with one deadline: what is left of <c>CARO_SHUTDOWN_TIMEOUT_SECONDS</c> minus a second for the exit,
/// and never more than <see cref="FlushCap"/>. A collector that accepts and never answers then costs at
/// most that, instead of each provider's own 5 s grace one after another at disposal (15 s, past
/// Docker's stop grace period). Later disposal finds the providers shut down and returns at once.
/// </summary>
internal sealed class TelemetryShutdown(
    IServiceProvider services,
    CaroSettings settings,
    ILogger<TelemetryShutdown> logger
) : IHostedLifecycleService
{
    /// <summary>The final flush's upper bound: ample for a collector that answers, short for one that does not.</summary>
    public static readonly TimeSpan FlushCap = TimeSpan.FromSeconds(3);

    /// <summary>Kept free at the end of the budget for disposal and the process exit.</summary>
    public static readonly TimeSpan ExitReserve = TimeSpan.FromSeconds(1);

    private long _stoppingAt = Stopwatch.GetTimestamp();

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        _stoppingAt = Stopwatch.GetTimestamp();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        var left =
            TimeSpan.FromSeconds(settings.ShutdownTimeoutSeconds)
            - ExitReserve
            - Stopwatch.GetElapsedTime(_stoppingAt);
        var deadline =
            left < TimeSpan.Zero ? TimeSpan.Zero
            : left < FlushCap ? left
            : FlushCap;
        var milliseconds = (int)deadline.TotalMilliseconds;
        Func<bool>[] shutdowns =
        [
            () => services.GetService<TracerProvider>()?.Shutdown(milliseconds) ?? true,
            () => services.GetService<MeterProvider>()?.Shutdown(milliseconds) ?? true,
            () => services.GetService<LoggerProvider>()?.Shutdown(milliseconds) ?? true,
        ];
        var watch = Stopwatch.StartNew();
        var all = Task.WhenAll(shutdowns.Select(shutdown => Task.Run(shutdown)));
        try
        {
            // Shutdown(ms) honours its timeout; the extra wait only guards against an SDK that does not.
            var done = await all.WaitAsync(deadline + TimeSpan.FromMilliseconds(250));
            if (done.Contains(false))
            {
                logger.LogWarning(
                    "Telemetry shutdown: not every pipeline flushed within {Milliseconds} ms; the rest is dropped",
                    milliseconds
                );
            }
        }
        catch (TimeoutException)
        {
            // Gave up waiting; the exporter threads are background threads and end with the process.
        }
        logger.LogDebug("Telemetry shut down in {Elapsed} ms", watch.ElapsedMilliseconds);
    }
}
