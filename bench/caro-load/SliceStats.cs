namespace CaroLoad;

/// <summary>Figures over the measured slices of one mode.</summary>
public static class SliceStats
{
    /// <summary>All slices of a mode together: requests/s and CPU per request over the whole measured time.</summary>
    public static LoadResult Pool(IReadOnlyList<LoadResult> slices)
    {
        var requests = Math.Max(1, slices.Sum(r => r.Requests));
        return new(
            slices.Average(r => r.RequestsPerSecond),
            slices.Average(r => r.P50Ms),
            slices.Average(r => r.P99Ms),
            slices.Sum(r => r.Requests),
            slices.Sum(r => r.Failures),
            slices.Sum(r => r.CpuMsPerRequest * r.Requests) / requests,
            slices.All(r => r.AllocatedBytesPerRequest is not null)
                ? slices.Sum(r => r.AllocatedBytesPerRequest!.Value * r.Requests) / requests
                : null,
            slices.All(r => r.Gc is not null)
                ? slices.Select(r => r.Gc!).Aggregate((a, b) => a + b)
                : null
        );
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1
            ? sorted[sorted.Count / 2]
            : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
