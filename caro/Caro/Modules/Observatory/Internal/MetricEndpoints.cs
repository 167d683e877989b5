using System.Diagnostics;
using Caro.Modules.Observatory.Contracts;
using Caro.Shared.Api;
using Caro.Shared.Settings;
using Caro.Shared.Validation;

namespace Caro.Modules.Observatory.Internal;

/// <summary>/api/observatory/metrics: custom counters, gauges and histograms.</summary>
internal static class MetricEndpoints
{
    public static void Map(RouteGroupBuilder observatory)
    {
        var group = observatory.MapGroup("/metrics");
        group.MapPost("/counter", CounterAsync);
        group.MapPost("/gauge", GaugeAsync);
        group.MapPost("/histogram", HistogramAsync);
        group.MapGet(
            "/registered",
            (ObservatoryMeters meters) => ApiResults.Ok(meters.Registered())
        );
    }

    private static async Task<IResult> CounterAsync(
        HttpContext context,
        CaroSettings settings,
        ObservatoryMeters meters
    )
    {
        var body = await JsonBody.ReadAsync(context, settings.MaxRequestBodyBytes);
        var name = body.String("name", required: true, maxLength: 243);
        var tags = body.StringMap("tags");
        var increment = body.Double("increment", required: false, fallback: 1.0, positive: true);
        body.ThrowIfInvalid();
        var watch = Stopwatch.StartNew();
        meters.Counter(name!).Add(increment!.Value, ObservatoryMeters.Tags(tags));
        return Result(
            "counter-increment",
            watch,
            new()
            {
                ["name"] = name,
                ["increment"] = increment,
                ["tags"] = tags,
            }
        );
    }

    private static async Task<IResult> GaugeAsync(
        HttpContext context,
        CaroSettings settings,
        ObservatoryMeters meters
    )
    {
        var body = await JsonBody.ReadAsync(context, settings.MaxRequestBodyBytes);
        var name = body.String("name", required: true, maxLength: 243);
        var tags = body.StringMap("tags");
        var value = body.Double("value", required: true);
        body.ThrowIfInvalid();
        var watch = Stopwatch.StartNew();
        meters.Gauge(name!).Record(value!.Value, ObservatoryMeters.Tags(tags));
        return Result(
            "gauge-set",
            watch,
            new()
            {
                ["name"] = name,
                ["value"] = value,
                ["tags"] = tags,
            }
        );
    }

    private static async Task<IResult> HistogramAsync(
        HttpContext context,
        CaroSettings settings,
        ObservatoryMeters meters
    )
    {
        var body = await JsonBody.ReadAsync(context, settings.MaxRequestBodyBytes);
        var name = body.String("name", required: true, maxLength: 243);
        var tags = body.StringMap("tags");
        var value = body.Double("value", required: true);
        body.ThrowIfInvalid();
        var watch = Stopwatch.StartNew();
        meters.Histogram(name!).Record(value!.Value, ObservatoryMeters.Tags(tags));
        return Result(
            "histogram-record",
            watch,
            new()
            {
                ["name"] = name,
                ["value"] = value,
                ["tags"] = tags,
            }
        );
    }

    private static IResult Result(
        string operation,
        Stopwatch watch,
        Dictionary<string, object?> details
    ) => ApiResults.Ok(new ObservatoryResult(operation, watch.ElapsedMilliseconds, details));
}
