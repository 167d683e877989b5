namespace Caro.Modules.Observatory.Contracts;

/// <summary>Result of a fault, log or metric operation.</summary>
public sealed record ObservatoryResult(
    string Operation,
    long DurationMs,
    IReadOnlyDictionary<string, object?> Details
);

/// <summary>Result of a trace generator; <see cref="TraceId"/> is the HTTP server span's trace.</summary>
public sealed record TraceResult(
    string? TraceId,
    int SpanCount,
    long DurationMs,
    IReadOnlyDictionary<string, object?> Details
);

public sealed record ScenarioResult(
    string Scenario,
    IReadOnlyList<ScenarioStep> Steps,
    long TotalDurationMs
);

public sealed record ScenarioStep(string Step, bool Success, long DurationMs, string? Detail);
