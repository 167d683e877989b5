using System.Collections.Concurrent;
using System.Diagnostics;
using Caro.Shared.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Caro.Tests.Support;

/// <summary>In-memory exporters added next to Caro's OTLP exporters (test hooks of TelemetrySetup).</summary>
public sealed class TelemetryCapture
{
    public ConcurrentQueue<Activity> Spans { get; } = new();
    public List<MetricSnapshot> Metrics { get; } = [];
    public ConcurrentQueue<LogRecord> Logs { get; } = new();

    public TelemetrySetup.Hooks Hooks =>
        new(
            tracing => tracing.AddInMemoryExporter(new QueueCollection<Activity>(Spans)),
            metrics => metrics.AddInMemoryExporter(Metrics),
            logging => logging.AddInMemoryExporter(new QueueCollection<LogRecord>(Logs))
        );

    /// <summary>Collects the current cumulative metrics (replacing earlier snapshots).</summary>
    public IReadOnlyList<MetricSnapshot> CollectMetrics(IServiceProvider services)
    {
        lock (Metrics)
        {
            Metrics.Clear();
        }
        ((MeterProvider)services.GetService(typeof(MeterProvider))!).ForceFlush();
        lock (Metrics)
        {
            return Metrics.ToList();
        }
    }

    public static IEnumerable<(MetricPoint Point, Dictionary<string, object?> Tags)> Points(
        MetricSnapshot metric
    ) =>
        metric.MetricPoints.Select(point =>
        {
            var tags = new Dictionary<string, object?>();
            foreach (var tag in point.Tags)
            {
                tags[tag.Key] = tag.Value;
            }
            return (point, tags);
        });

    /// <summary>ICollection view over a concurrent queue (the exporters only Add).</summary>
    private sealed class QueueCollection<T>(ConcurrentQueue<T> queue) : ICollection<T>
    {
        public int Count => queue.Count;
        public bool IsReadOnly => false;

        public void Add(T item) => queue.Enqueue(item);

        public void Clear() => queue.Clear();

        public bool Contains(T item) => queue.Contains(item);

        public void CopyTo(T[] array, int arrayIndex) => queue.ToArray().CopyTo(array, arrayIndex);

        public bool Remove(T item) => throw new NotSupportedException();

        public IEnumerator<T> GetEnumerator() => queue.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() =>
            GetEnumerator();
    }
}
