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

    private static Task<IResult> CounterAsync(
        HttpContext context,
        CaroSettings settings,
        ObservatoryMeters meters
    ) =>
        RecordAsync(
            context,
            settings,
            "counter-increment",
            new("increment", Required: false, Fallback: 1.0, Positive: true),
            (name, value, tags) => meters.Counter(name).Add(value, tags)
        );

    private static Task<IResult> GaugeAsync(
        HttpContext context,
        CaroSettings settings,
        ObservatoryMeters meters
    ) =>
        RecordAsync(
            context,
            settings,
            "gauge-set",
            ValueField.RequiredValue,
            (name, value, tags) => meters.Gauge(name).Record(value, tags)
        );

    private static Task<IResult> HistogramAsync(
        HttpContext context,
        CaroSettings settings,
        ObservatoryMeters meters
    ) =>
        RecordAsync(
            context,
            settings,
            "histogram-record",
            ValueField.RequiredValue,
            (name, value, tags) => meters.Histogram(name).Record(value, tags)
        );

    /// <summary>The number a metric endpoint reads from its body: <c>value</c>, or the counter's <c>increment</c>.</summary>
    private sealed record ValueField(
        string Name,
        bool Required,
        double? Fallback = null,
        bool Positive = false
    )
    {
        public static readonly ValueField RequiredValue = new("value", Required: true);
    }

    /// <summary>Reads <c>{name, tags, value|increment}</c>, records it, and answers with what was recorded.</summary>
    private static async Task<IResult> RecordAsync(
        HttpContext context,
        CaroSettings settings,
        string operation,
        ValueField field,
        Action<string, double, KeyValuePair<string, object?>[]> record
    )
    {
        var body = await JsonBody.ReadAsync(context, settings.MaxRequestBodyBytes);
        var name = body.String("name", required: true, maxLength: 243);
        var tags = body.StringMap("tags");
        var value = body.Double(field.Name, field.Required, field.Fallback, field.Positive);
        body.ThrowIfInvalid();
        var watch = Stopwatch.StartNew();
        record(name!, value!.Value, ObservatoryMeters.Tags(tags));
        return ObservatoryResults.Ok(
            operation,
            watch,
            new()
            {
                ["name"] = name,
                [field.Name] = value,
                ["tags"] = tags,
            }
        );
    }
}
