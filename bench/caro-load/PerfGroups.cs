namespace CaroLoad;

/// <summary>
/// <c>--perf</c>'s differential view: every sample of a process goes to one group (what its stack is doing)
/// and is counted under its leaf function. Caro-load prints, per endpoint, each group's CPU-ms per request
/// (its share times the mode's CPU per request from /proc) for every mode and the on-minus-off difference,
/// so the whole-process difference is split into parts that add up to it, including the parts no telemetry
/// frame carries (GC, the kernel, ExecutionContext restores, thread-pool waits).
/// </summary>
public static class PerfGroups
{
    /// <summary>
    /// The group of one sample, first match wins: telemetry (<paramref name="telemetryPart"/> from
    /// PerfProfile.Parts), the JIT, the GC (anything under the collector or the allocator's slow path),
    /// the kernel by system call, ExecutionContext/AsyncLocal work near the leaf, the thread pool's
    /// own dispatch and waits near the leaf, then the leaf's namespace (its first three parts).
    /// </summary>
    public static string Classify(IReadOnlyList<Frame> stack, string thread, string? telemetryPart)
    {
        if (telemetryPart is not null)
        {
            return "telemetry: " + telemetryPart;
        }
        if (
            thread.StartsWith(".NET Tiered", StringComparison.Ordinal)
            || stack.Any(f => f.Module.Contains("libclrjit", StringComparison.Ordinal))
        )
        {
            return "JIT";
        }
        if (
            thread.StartsWith(".NET BGC", StringComparison.Ordinal)
            || stack.Any(f => IsGc(f.Symbol))
        )
        {
            return "GC and allocation slow path";
        }
        if (stack.Count == 0)
        {
            return "unknown";
        }
        if (stack[0].Module.Contains("kernel", StringComparison.Ordinal))
        {
            var call = stack.FirstOrDefault(f =>
                f.Symbol.Contains("_sys_", StringComparison.Ordinal)
            );
            return call is null
                ? "kernel: other"
                : "kernel: "
                    + call.Symbol[(call.Symbol.IndexOf("_sys_", StringComparison.Ordinal) + 5)..];
        }
        var near = stack.Take(3).ToList();
        if (
            near.Any(f =>
                f.Symbol.Contains("ExecutionContext", StringComparison.Ordinal)
                || f.Symbol.Contains("AsyncLocal", StringComparison.Ordinal)
            )
        )
        {
            return "ExecutionContext/AsyncLocal";
        }
        if (
            near.Any(f =>
                f.Symbol.Contains("ThreadPool", StringComparison.Ordinal)
                || f.Symbol.Contains("LowLevelLifoSemaphore", StringComparison.Ordinal)
                || f.Symbol.Contains("LowLevelMonitor", StringComparison.Ordinal)
            )
        )
        {
            return "thread pool";
        }
        var leaf = stack[0];
        if (
            leaf.Module.EndsWith(".so", StringComparison.Ordinal)
            || leaf.Module.Contains(".so.", StringComparison.Ordinal)
        )
        {
            return "native: " + Path.GetFileName(leaf.Module);
        }
        return "managed: " + Namespace(leaf.Symbol);
    }

    private static bool IsGc(string symbol) =>
        symbol.Contains("gc_heap::", StringComparison.Ordinal)
        || symbol.Contains("GCHeap::", StringComparison.Ordinal)
        || symbol.StartsWith("WKS::", StringComparison.Ordinal)
        || symbol.StartsWith("SVR::", StringComparison.Ordinal)
        || symbol.Contains("JIT_New", StringComparison.Ordinal)
        || symbol.Contains("AllocateObject", StringComparison.Ordinal)
        || symbol.Contains("RhpNew", StringComparison.Ordinal);

    /// <summary>The first three dotted parts of a managed frame's type, without generic arguments.</summary>
    private static string Namespace(string symbol)
    {
        var name = Short(symbol);
        var type = name.Contains("::", StringComparison.Ordinal)
            ? name[..name.IndexOf("::", StringComparison.Ordinal)]
            : name;
        var generic = type.IndexOfAny(['[', '<', '`']);
        var parts = (generic > 0 ? type[..generic] : type).Split('.');
        return string.Join('.', parts.Take(Math.Min(3, Math.Max(1, parts.Length - 1))));
    }

    /// <summary>
    /// A frame's function without return type, assembly, argument list or tier (perf map names read
    /// "instance void [Assembly] Namespace.Type::Method(args)[Tier]").
    /// </summary>
    public static string Short(string symbol)
    {
        var paren = symbol.IndexOf('(');
        var name = (paren > 0 ? symbol[..paren] : symbol).Trim();
        var space = name.LastIndexOf(' ');
        return space >= 0 ? name[(space + 1)..] : name;
    }

    /// <summary>The leaf function of a stack; an unnamed native leaf is named by its module and the nearest named caller.</summary>
    public static string Leaf(IReadOnlyList<Frame> stack)
    {
        if (stack.Count == 0)
        {
            return "unknown";
        }
        if (stack[0].Symbol != "[unknown]")
        {
            return Short(stack[0].Symbol);
        }
        var caller = stack.FirstOrDefault(f => f.Symbol != "[unknown]");
        return $"[{Path.GetFileName(stack[0].Module)}] under {(caller is null ? "?" : Short(caller.Symbol))}";
    }

    /// <summary>One frame of a perf script stack: "ip symbol (module)".</summary>
    public sealed record Frame(string Symbol, string Module)
    {
        public static Frame Parse(string line)
        {
            var text = line.Trim();
            var space = text.IndexOf(' ');
            text = space >= 0 ? text[(space + 1)..] : text;
            var open = text.LastIndexOf(" (", StringComparison.Ordinal);
            return open >= 0 && text.EndsWith(')')
                ? new Frame(text[..open], text[(open + 2)..^1])
                : new Frame(text, "");
        }
    }

    /// <summary>
    /// Prints, for one endpoint, each group's CPU-ms per request in every mode and the difference to off,
    /// largest difference first, and the leaf functions whose CPU per request differs most.
    /// </summary>
    public static void Print(
        string endpoint,
        IReadOnlyList<(
            string Mode,
            double CpuMsPerRequest,
            IReadOnlyList<PerfShares> Shares
        )> modes,
        int top = 14
    )
    {
        Dictionary<string, double> PerRequest(
            (string Mode, double Cpu, IReadOnlyList<PerfShares> Shares) mode,
            Func<PerfShares, IReadOnlyDictionary<string, long>> pick
        )
        {
            var samples = Math.Max(1, mode.Shares.Sum(s => s.Samples));
            return mode
                .Shares.SelectMany(pick)
                .GroupBy(kv => kv.Key)
                .ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value) * mode.Cpu / samples);
        }
        foreach (
            var (title, pick) in new (string, Func<PerfShares, IReadOnlyDictionary<string, long>>)[]
            {
                ("group", s => s.Groups),
                ("leaf function", s => s.Leaves),
            }
        )
        {
            var table = modes.Select(m => PerRequest(m, pick)).ToList();
            var keys = table.SelectMany(t => t.Keys).Distinct().ToList();
            double At(int mode, string key) => table[mode].GetValueOrDefault(key);
            var rows = keys.OrderByDescending(k => Math.Abs(At(1, k) - At(0, k))).ToList();
            Console.WriteLine();
            Console.WriteLine(
                $"{endpoint}: on minus off by {title} (CPU-us per request; all rows add up to the CPU-ms/req difference)"
            );
            Console.WriteLine(
                $"  {title, -60} {string.Concat(modes.Select(m => $" {m.Mode, 9}"))} {string.Concat(modes.Skip(1).Select(m => $" {m.Mode + "-off", 11}"))}"
            );
            foreach (var key in rows.Take(top))
            {
                Console.WriteLine(
                    System.FormattableString.Invariant(
                        $"  {(key.Length > 60 ? key[..60] : key), -60} {string.Concat(modes.Select((_, i) => $" {At(i, key) * 1000, 9:F1}"))} {string.Concat(modes.Skip(1).Select((_, i) => $" {(At(i + 1, key) - At(0, key)) * 1000, 11:+0.0;-0.0}"))}"
                    )
                );
            }
            var rest = rows.Skip(top).ToList();
            Console.WriteLine(
                System.FormattableString.Invariant(
                    $"  {"(the rest, " + rest.Count + " rows)", -60} {string.Concat(modes.Select((_, i) => $" {rest.Sum(k => At(i, k)) * 1000, 9:F1}"))} {string.Concat(modes.Skip(1).Select((_, i) => $" {rest.Sum(k => At(i + 1, k) - At(0, k)) * 1000, 11:+0.0;-0.0}"))}"
                )
            );
        }
    }
}

/// <summary>One process's samples, the share of them in each telemetry part (as PerfProfile.Parts) and in the JIT, and the samples per group and leaf function.</summary>
public sealed record PerfShares(
    long Samples,
    double[] Parts,
    double Jit,
    IReadOnlyDictionary<string, long> Groups,
    IReadOnlyDictionary<string, long> Leaves
)
{
    public static PerfShares None =>
        new(
            0,
            new double[PerfProfile.Parts.Count],
            0,
            new Dictionary<string, long>(),
            new Dictionary<string, long>()
        );

    public double Telemetry => Parts.Sum();
}
