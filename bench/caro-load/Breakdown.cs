using System.Globalization;

namespace CaroLoad;

/// <summary>The breakdown tables printed after the main one: GC per request, and with --perf where the CPU goes.</summary>
public static class Breakdown
{
    /// <summary>
    /// Collections per 1000 requests by generation and GC pause time per request, from the allocation hook
    /// (n/a without it): how much more often telemetry makes the GC run, and how much longer it pauses.
    /// </summary>
    public static void Gc(
        IReadOnlyList<string> endpoints,
        IReadOnlyList<string> modes,
        IReadOnlyDictionary<string, Dictionary<string, List<LoadResult>>> results
    )
    {
        Console.WriteLine();
        Console.WriteLine(
            $"{"GC (allocation hook)", -22} {"mode", -14} {"gen0/1k req", 11} {"gen1/1k req", 11} {"gen2/1k req", 11} {"pause us/req", 12}"
        );
        foreach (var endpoint in endpoints)
        {
            foreach (var name in modes)
            {
                var pooled = SliceStats.Pool(results[name][endpoint]);
                var k = pooled.Requests / 1000.0;
                Console.WriteLine(
                    pooled.Gc is { } gc
                        ? string.Create(
                            CultureInfo.InvariantCulture,
                            $"{endpoint, -22} {name, -14} {gc.Gen0 / k, 11:F2} {gc.Gen1 / k, 11:F2} {gc.Gen2 / k, 11:F3} {gc.Pause.TotalMicroseconds / pooled.Requests, 12:F1}"
                        )
                        : $"{endpoint, -22} {name, -14} {"n/a", 11}"
                );
            }
        }
    }

    /// <summary>
    /// The part of each mode's own CPU per request that perf found in telemetry code (and in the JIT), the ratio
    /// that part implies (CPU per request over CPU per request without it, within one process), then the
    /// differential view (PerfGroups). True when the implied ratio of "on" is within the target on every endpoint.
    /// </summary>
    public static bool Perf(
        IReadOnlyList<string> endpoints,
        IReadOnlyList<string> modes,
        IReadOnlyDictionary<string, Dictionary<string, List<LoadResult>>> results,
        IReadOnlyDictionary<string, Dictionary<string, List<PerfShares>>> shares,
        double target
    )
    {
        var met = true;
        Console.WriteLine();
        Console.WriteLine(
            $"{"perf (in-process shares)", -22} {"mode", -14} {"samples", 8} {"telemetry", 9} {string.Concat(PerfProfile.Parts.Select(p => $" {p.Part, 7}"))} {"JIT", 6} {"telemetry CPU-ms/req", 20} {"implied on/off", 14}"
        );
        foreach (var endpoint in endpoints)
        {
            foreach (var name in modes)
            {
                var list = shares[name][endpoint];
                var samples = list.Sum(x => x.Samples);
                double Weighted(Func<PerfShares, double> pick) =>
                    samples == 0 ? 0 : list.Sum(x => pick(x) * x.Samples) / samples;
                var telemetryShare = Weighted(x => x.Telemetry);
                if (name == "on")
                {
                    met &= 1 / (1 - telemetryShare) <= target;
                }
                var cpu = SliceStats.Pool(results[name][endpoint]).CpuMsPerRequest;
                Console.WriteLine(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"{endpoint, -22} {name, -14} {samples, 8} {telemetryShare * 100, 8:F1}% {string.Concat(PerfProfile.Parts.Select((_, i) => $" {Weighted(x => x.Parts[i]) * 100, 6:F1}%"))} {Weighted(x => x.Jit) * 100, 5:F1}% {telemetryShare * cpu, 20:F3} {1 / (1 - telemetryShare), 13:F3}x"
                    )
                );
            }
        }
        foreach (var endpoint in endpoints)
        {
            PerfGroups.Print(
                endpoint,
                modes
                    .Select(m =>
                        (
                            m,
                            SliceStats.Pool(results[m][endpoint]).CpuMsPerRequest,
                            (IReadOnlyList<PerfShares>)shares[m][endpoint]
                        )
                    )
                    .ToList()
            );
        }
        return met;
    }
}
