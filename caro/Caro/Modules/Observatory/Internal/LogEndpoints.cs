using System.Diagnostics;
using Caro.Modules.Observatory.Contracts;
using Caro.Shared.Api;
using Caro.Shared.Settings;
using Caro.Shared.Validation;

namespace Caro.Modules.Observatory.Internal;

/// <summary>/api/observatory/logs: single lines with attributes, bursts, exception chains.</summary>
internal static class LogEndpoints
{
    public static readonly string[] Levels = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR"];

    public static void Map(RouteGroupBuilder observatory)
    {
        var group = observatory.MapGroup("/logs");
        group.MapPost("/emit", EmitAsync);
        group.MapPost("/burst", BurstAsync);
        group.MapPost("/error-trace", ErrorTraceAsync);
    }

    public static LogLevel ToLogLevel(string level) =>
        level switch
        {
            "TRACE" => LogLevel.Trace,
            "DEBUG" => LogLevel.Debug,
            "WARN" => LogLevel.Warning,
            "ERROR" => LogLevel.Error,
            _ => LogLevel.Information,
        };

    private static async Task<IResult> EmitAsync(
        HttpContext context,
        CaroSettings settings,
        ILogger<ObservatoryLog> logger
    )
    {
        var body = await JsonBody.ReadOptionalAsync(context, settings.MaxRequestBodyBytes);
        var level = body.OneOf("level", "INFO", Levels);
        var message = body.String(
            "message",
            required: false,
            maxLength: 10_000,
            fallback: "Observatory test log"
        );
        var attributes = body.StringMap("attributes");
        body.ThrowIfInvalid();
        var watch = Stopwatch.StartNew();
        // Exported as log attributes (scopes are included in OTLP logs), unlike the original's MDC.
        using (
            logger.BeginScope(
                attributes.ToDictionary(a => "observatory." + a.Key, a => (object?)a.Value)
            )
        )
        {
#pragma warning disable CA2254 // The message is the caller's text by design.
            logger.Log(ToLogLevel(level!), message);
#pragma warning restore CA2254
        }
        return ObservatoryResults.Ok(
            "log-emit",
            watch,
            new() { ["level"] = level, ["attributeCount"] = attributes.Count }
        );
    }

    private static async Task<IResult> BurstAsync(
        HttpContext context,
        CaroSettings settings,
        ILogger<ObservatoryLog> logger
    )
    {
        var body = await JsonBody.ReadOptionalAsync(context, settings.MaxRequestBodyBytes);
        var count = body.Int("count", required: false, min: 1, max: 1000, fallback: 100);
        var level = body.OneOf("level", "INFO", Levels);
        var intervalMs = body.Int("intervalMs", required: false, min: 0, max: 10_000, fallback: 10);
        body.ThrowIfInvalid();
        var logLevel = ToLogLevel(level!);
        logger.LogInformation("[Log] Burst of {Count} {Level} messages starting", count, level);
        var watch = Stopwatch.StartNew();
        for (var i = 1; i <= count; i++)
        {
            logger.Log(logLevel, "[Log] Burst message {Index}/{Count}", i, count);
            if (intervalMs > 0)
            {
                await Task.Delay(intervalMs.Value, context.RequestAborted);
            }
        }
        var elapsed = watch.Elapsed.TotalSeconds;
        var perSecond = elapsed > 0 ? Math.Round(count!.Value / elapsed, 2) : 0.0;
        logger.LogInformation(
            "[Log] Burst finished: {Count} messages, {PerSecond} msg/s",
            count,
            perSecond
        );
        return ObservatoryResults.Ok(
            "log-burst",
            watch,
            new()
            {
                ["count"] = count,
                ["level"] = level,
                ["messagesPerSecond"] = perSecond,
            }
        );
    }

    private static async Task<IResult> ErrorTraceAsync(
        HttpContext context,
        CaroSettings settings,
        ILogger<ObservatoryLog> logger
    )
    {
        var body = await JsonBody.ReadOptionalAsync(context, settings.MaxRequestBodyBytes);
        var message = body.String(
            "message",
            required: false,
            fallback: "Simulated error with stacktrace"
        );
        var depth = body.Int("nestingDepth", required: false, min: 1, max: 10, fallback: 3);
        body.ThrowIfInvalid();
        var watch = Stopwatch.StartNew();
        var chain = SimulatedFailures.BuildChain(message!, depth!.Value);
        logger.LogError(chain, "[Observatory] Simulated error chain of depth {Depth}", depth);
        return ObservatoryResults.Ok(
            "error-trace",
            watch,
            new() { ["nestingDepth"] = depth, ["rootCauseMessage"] = $"Root cause: {message}" }
        );
    }
}
