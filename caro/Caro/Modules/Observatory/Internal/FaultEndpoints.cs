using System.Diagnostics;
using Caro.Modules.Observatory.Contracts;
using Caro.Shared.Api;
using Caro.Shared.Settings;
using Caro.Shared.Validation;

namespace Caro.Modules.Observatory.Internal;

/// <summary>/api/observatory/fault: latency, error status and exception injection.</summary>
internal static class FaultEndpoints
{
    public static readonly string[] ExceptionTypes =
    [
        "RUNTIME",
        "NOT_FOUND",
        "ILLEGAL_ARGUMENT",
        "ILLEGAL_STATE",
        "OUT_OF_MEMORY",
        "STACK_OVERFLOW",
    ];

    public static void Map(RouteGroupBuilder observatory)
    {
        var group = observatory.MapGroup("/fault");
        group.MapPost("/latency", LatencyAsync);
        group.MapPost("/error", ErrorAsync);
        group.MapPost("/exception", ExceptionAsync);
    }

    private static async Task<IResult> LatencyAsync(
        HttpContext context,
        CaroSettings settings,
        ILogger<ObservatoryLog> logger
    )
    {
        var body = await JsonBody.ReadOptionalAsync(context, settings.MaxRequestBodyBytes);
        var delayMs = body.Int("delayMs", required: false, min: 0, max: 30_000, fallback: 1000);
        var jitterMs = body.Int("jitterMs", required: false, min: 0, max: 30_000, fallback: 0);
        body.ThrowIfInvalid();
        var actual =
            delayMs!.Value + (jitterMs > 0 ? Random.Shared.Next(0, jitterMs.Value + 1) : 0);
        logger.LogWarning("[Observatory] Injecting latency of {DelayMs} ms", actual);
        var watch = Stopwatch.StartNew();
        await Task.Delay(actual, context.RequestAborted);
        return ObservatoryResults.Ok(
            "latency-injection",
            watch,
            new() { ["requestedDelayMs"] = delayMs, ["actualDelayMs"] = actual }
        );
    }

    private static async Task<IResult> ErrorAsync(
        HttpContext context,
        CaroSettings settings,
        ILogger<ObservatoryLog> logger
    )
    {
        var body = await JsonBody.ReadOptionalAsync(context, settings.MaxRequestBodyBytes);
        var status = body.Int("statusCode", required: false, min: 400, max: 599, fallback: 500);
        var message = body.String("message", required: false, fallback: "Simulated error");
        body.ThrowIfInvalid();
        logger.LogError("[Observatory] Simulated error {StatusCode}: {Message}", status, message);
        return ApiResults.Fail(status!.Value, $"SIMULATED_ERROR_{status}", message!);
    }

    private static async Task<IResult> ExceptionAsync(
        HttpContext context,
        CaroSettings settings,
        ILogger<ObservatoryLog> logger
    )
    {
        var body = await JsonBody.ReadOptionalAsync(context, settings.MaxRequestBodyBytes);
        var type = body.OneOf("type", "RUNTIME", ExceptionTypes);
        var message = body.String("message", required: false, fallback: "Simulated exception");
        body.ThrowIfInvalid();
        logger.LogError(
            "[Observatory] Throwing simulated {Type} exception: {Message}",
            type,
            message
        );
        switch (type)
        {
            case "NOT_FOUND":
                throw ApiException.NotFound("SimulatedEntity", message!);
            case "ILLEGAL_ARGUMENT":
                throw ApiException.Invalid(message!);
            case "ILLEGAL_STATE":
                throw new InvalidOperationException(message);
            case "OUT_OF_MEMORY":
                throw new SimulatedFailureException("Simulated out of memory", message!);
            case "STACK_OVERFLOW":
                SimulatedFailures.Recurse(0, message!);
                break;
        }
        throw new SimulatedFailureException("Simulated runtime exception", message!);
    }
}

/// <summary>Logger category of the observatory.</summary>
internal sealed class ObservatoryLog;
