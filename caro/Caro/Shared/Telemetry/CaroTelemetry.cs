using System.Diagnostics;

namespace Caro.Shared.Telemetry;

/// <summary>Names of Caro's own telemetry sources.</summary>
public static class CaroTelemetry
{
    public const string ActivitySourceName = "Caro";
    public const string MeterName = "Caro";
    public const string ObservatoryMeterName = "Caro.Observatory";

    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);
}
