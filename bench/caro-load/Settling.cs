namespace CaroLoad;

/// <summary>
/// After each instance's own warm-up and before the measured slices: unmeasured slices in the same
/// alternating order as the measured ones, until two passes in a row leave every instance's tiered compiler
/// quiet (at most one /proc tick, 10 ms, or 1 % of the CPU its slice used; tier-up comes in bursts, so one
/// quiet pass can fall between two), at most <see cref="Limit"/>.
/// The per-instance warm-up alone left the on-mode compiling in the measured window: methods that run once
/// per export batch or metric collection reach the call-count thresholds (twice, with tiered PGO) only
/// after tens of thousands of requests, and that one-time JIT was 4–7 % of the on-mode's sampled CPU.
/// </summary>
public static class Settling
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    /// <summary>Runs the passes; returns how many it took and whether the compilers went quiet.</summary>
    public static async Task<(int Passes, bool Quiet)> RunAsync(
        IReadOnlyList<(
            LoadRunner Runner,
            Func<TimeSpan> Compiler,
            Func<int, HttpRequestMessage> Request
        )> instances,
        int connections,
        TimeSpan slice
    )
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var quietPasses = 0;
        for (var pass = 1; ; pass++)
        {
            var before = instances.Select(i => i.Compiler()).ToList();
            var used = new double[instances.Count];
            var order = Enumerable.Range(0, instances.Count);
            foreach (var i in pass % 2 == 1 ? order : order.Reverse())
            {
                var r = await instances[i]
                    .Runner.RunAsync(instances[i].Request, connections, TimeSpan.Zero, slice);
                used[i] = r.CpuMsPerRequest * r.Requests;
            }
            var quiet = instances
                .Select(
                    (i, n) =>
                        (i.Compiler() - before[n]).TotalMilliseconds <= Math.Max(10, used[n] / 100)
                )
                .All(q => q);
            quietPasses = quiet ? quietPasses + 1 : 0;
            if (quietPasses == 2 || watch.Elapsed > Limit)
            {
                return (pass, quietPasses == 2);
            }
        }
    }
}
