using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using Caro.Shared.Api;
using Caro.Shared.Telemetry;

namespace Caro.Modules.Observatory.Internal;

/// <summary>
/// Instruments created on request under the <c>observatory.</c> prefix (meter <c>Caro.Observatory</c>).
/// Names must be valid OpenTelemetry instrument names and keep one kind; at most
/// <see cref="MaxInstruments"/> exist, so a client cannot grow Caro's memory or Mimir's series without bound.
/// </summary>
internal sealed partial class ObservatoryMeters(IMeterFactory meterFactory)
{
    public const string Prefix = "observatory.";
    public const int MaxInstruments = 200;

    private readonly Meter _meter = meterFactory.Create(CaroTelemetry.ObservatoryMeterName);
    private readonly ConcurrentDictionary<
        string,
        (string Kind, Instrument Instrument)
    > _instruments = new(StringComparer.Ordinal);
    private readonly Lock _createLock = new();

    public Counter<double> Counter(string name) =>
        (Counter<double>)Get(name, "counter", full => _meter.CreateCounter<double>(full));

    public Gauge<double> Gauge(string name) =>
        (Gauge<double>)Get(name, "gauge", full => _meter.CreateGauge<double>(full));

    public Histogram<double> Histogram(string name) =>
        (Histogram<double>)Get(name, "histogram", full => _meter.CreateHistogram<double>(full));

    public IReadOnlyList<string> Registered() =>
        _instruments.Keys.Order(StringComparer.Ordinal).ToList();

    public static KeyValuePair<string, object?>[] Tags(IReadOnlyDictionary<string, string> tags) =>
        tags.Select(t => new KeyValuePair<string, object?>(t.Key, t.Value)).ToArray();

    private Instrument Get(string name, string kind, Func<string, Instrument> create)
    {
        var full = Prefix + name;
        if (!ValidName().IsMatch(full))
        {
            throw ApiException.Validation([
                "name: must start with a letter and use only letters, digits, '_', '.', '-' or '/' (at most 243 characters)",
            ]);
        }
        lock (_createLock)
        {
            if (_instruments.TryGetValue(full, out var existing))
            {
                return existing.Kind == kind
                    ? existing.Instrument
                    : throw ApiException.Invalid(
                        $"name: '{name}' is already registered as a {existing.Kind}"
                    );
            }
            if (_instruments.Count >= MaxInstruments)
            {
                throw ApiException.Invalid(
                    $"name: at most {MaxInstruments} observatory instruments can exist"
                );
            }
            var instrument = create(full);
            _instruments[full] = (kind, instrument);
            return instrument;
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.\\-/]{0,254}$")]
    private static partial Regex ValidName();
}
