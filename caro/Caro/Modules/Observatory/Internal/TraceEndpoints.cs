using System.Diagnostics;
using Caro.Modules.Observatory.Contracts;
using Caro.Shared.Api;
using Caro.Shared.Settings;
using Caro.Shared.Telemetry;
using Caro.Shared.Validation;

namespace Caro.Modules.Observatory.Internal;

/// <summary>/api/observatory/trace: nested, concurrent and propagation span generators.</summary>
internal static class TraceEndpoints
{
    public static void Map(RouteGroupBuilder observatory)
    {
        var group = observatory.MapGroup("/trace");
        group.MapPost("/nested", NestedAsync);
        group.MapPost("/concurrent", ConcurrentAsync);
        group.MapGet("/propagation", Propagation);
    }

    private static async Task<IResult> NestedAsync(HttpContext context, CaroSettings settings)
    {
        var body = await JsonBody.ReadOptionalAsync(context, settings.MaxRequestBodyBytes);
        var depth = body.Int("depth", required: false, min: 1, max: 20, fallback: 5);
        var delay = body.Int("delayPerSpanMs", required: false, min: 0, max: 10_000, fallback: 50);
        body.ThrowIfInvalid();
        var watch = Stopwatch.StartNew();
        var traceId = Activity.Current?.TraceId.ToHexString();
        await NestAsync(0, depth!.Value, delay!.Value, context.RequestAborted);
        return ApiResults.Ok(
            new TraceResult(
                traceId,
                depth.Value,
                watch.ElapsedMilliseconds,
                new Dictionary<string, object?> { ["type"] = "nested", ["depth"] = depth }
            )
        );
    }

    private static async Task NestAsync(
        int level,
        int depth,
        int delayMs,
        CancellationToken cancellationToken
    )
    {
        if (level >= depth)
        {
            return;
        }
        using var span = CaroTelemetry.ActivitySource.StartActivity($"nested-span-level-{level}");
        span?.SetTag("span.depth", level);
        span?.SetTag("span.max_depth", depth);
        span?.AddEvent(new ActivityEvent($"processing-at-depth-{level}"));
        await Task.Delay(delayMs, cancellationToken);
        await NestAsync(level + 1, depth, delayMs, cancellationToken);
    }

    private static async Task<IResult> ConcurrentAsync(HttpContext context, CaroSettings settings)
    {
        var body = await JsonBody.ReadOptionalAsync(context, settings.MaxRequestBodyBytes);
        var concurrency = body.Int("concurrency", required: false, min: 1, max: 20, fallback: 5);
        var work = body.Int("workDurationMs", required: false, min: 0, max: 10_000, fallback: 100);
        body.ThrowIfInvalid();
        var watch = Stopwatch.StartNew();
        var parent = Activity.Current;
        var parentContext = parent?.Context ?? default;
        var workers = Enumerable
            .Range(0, concurrency!.Value)
            .Select(i =>
                Task.Run(() => WorkAsync(i, parentContext, work!.Value, context.RequestAborted))
            );
        await Task.WhenAll(workers);
        // Every worker makes two spans (the original counted one per worker).
        return ApiResults.Ok(
            new TraceResult(
                parent?.TraceId.ToHexString(),
                concurrency.Value * 2,
                watch.ElapsedMilliseconds,
                new Dictionary<string, object?>
                {
                    ["type"] = "concurrent",
                    ["workers"] = concurrency,
                }
            )
        );
    }

    private static async Task WorkAsync(
        int index,
        ActivityContext parent,
        int workMs,
        CancellationToken cancellationToken
    )
    {
        using var worker = CaroTelemetry.ActivitySource.StartActivity(
            $"concurrent-worker-{index}",
            ActivityKind.Internal,
            parent
        );
        worker?.SetTag("worker.index", index);
        using var work = CaroTelemetry.ActivitySource.StartActivity($"work-worker-{index}");
        await Task.Delay(workMs, cancellationToken);
        work?.SetStatus(ActivityStatusCode.Ok);
        work?.AddEvent(new ActivityEvent("work-completed"));
    }

    private static IResult Propagation()
    {
        var watch = Stopwatch.StartNew();
        var parent = Activity.Current;
        bool consistent;
        using (var child = CaroTelemetry.ActivitySource.StartActivity("propagation-child"))
        {
            child?.SetTag("test.type", "propagation");
            child?.AddEvent(new ActivityEvent("propagation-verified"));
            // Measured, not a constant: false when no span was recorded or the child left the trace.
            consistent =
                parent is not null
                && child is not null
                && child.TraceId == parent.TraceId
                && child.ParentSpanId == parent.SpanId;
        }
        return ApiResults.Ok(
            new TraceResult(
                parent?.TraceId.ToHexString(),
                2,
                watch.ElapsedMilliseconds,
                new Dictionary<string, object?>
                {
                    ["parentSpanId"] = parent?.SpanId.ToHexString(),
                    ["traceIdConsistent"] = consistent,
                    ["type"] = "propagation",
                }
            )
        );
    }
}
