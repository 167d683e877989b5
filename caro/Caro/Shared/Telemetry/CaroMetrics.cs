using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Caro.Shared.Telemetry;

/// <summary>
/// Caro's business instruments. Names, units and attributes are fixed by docs/contracts.md
/// (Mimir sees e.g. <c>caro_reviews_recorded_total</c>); change them only together with stack/.
/// </summary>
public sealed class CaroMetrics
{
    public const string UptimeName = "caro.uptime";
    public const string ReviewsRecordedName = "caro.reviews.recorded";
    public const string XpAwardedName = "caro.xp.awarded";
    public const string IngestionJobsName = "caro.ingestion.jobs";

    private readonly Counter<long> _reviews;
    private readonly Counter<long> _xp;
    private readonly Counter<long> _jobs;

    public CaroMetrics(IMeterFactory meterFactory)
    {
        var started = Stopwatch.StartNew();
        var meter = meterFactory.Create(CaroTelemetry.MeterName);
        meter.CreateObservableGauge(
            UptimeName,
            () => started.Elapsed.TotalSeconds,
            "s",
            "Seconds since Caro started (heartbeat)."
        );
        _reviews = meter.CreateCounter<long>(
            ReviewsRecordedName,
            "{review}",
            "Reviews recorded, by quality."
        );
        _xp = meter.CreateCounter<long>(XpAwardedName, "{xp}", "Experience points awarded.");
        _jobs = meter.CreateCounter<long>(
            IngestionJobsName,
            "{job}",
            "Ingestion jobs finished, by outcome."
        );
    }

    public void ReviewRecorded(int quality) =>
        _reviews.Add(
            1,
            new KeyValuePair<string, object?>(
                "quality",
                quality.ToString(System.Globalization.CultureInfo.InvariantCulture)
            )
        );

    public void XpAwarded(int xp) => _xp.Add(xp);

    public void IngestionJobFinished(bool completed) =>
        _jobs.Add(
            1,
            new KeyValuePair<string, object?>("outcome", completed ? "completed" : "failed")
        );
}
