using Caro.Modules.Observatory.Internal;

namespace Caro.Modules.Observatory;

/// <summary>
/// Observatory: a telemetry generator (faults, logs, custom metrics, traces, scenarios) under
/// /api/observatory. Mapped only when CARO_OBSERVATORY_ENABLED (default: off in production).
/// </summary>
public static class ObservatoryModule
{
    public static IServiceCollection AddObservatoryModule(this IServiceCollection services) =>
        services.AddSingleton<ObservatoryMeters>();

    public static void MapObservatoryEndpoints(this IEndpointRouteBuilder app)
    {
        var observatory = app.MapGroup("/api/observatory").WithTags("Observatory");
        FaultEndpoints.Map(observatory);
        LogEndpoints.Map(observatory);
        MetricEndpoints.Map(observatory);
        TraceEndpoints.Map(observatory);
        ScenarioEndpoints.Map(observatory);
    }
}
