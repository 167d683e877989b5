using Build.Validation.Model;
using Build.Validation.River;

namespace Build.Validation.Checks;

/// <summary>Layer 2 for Alloy: references to components that do not exist, receivers on loopback, memory limiter, tenant-from-context wiring (listed in build/Validation/README.md, layer 2).</summary>
public static class AlloyChecks
{
    private static readonly HashSet<string> ComponentNamespaces =
    [
        "otelcol",
        "prometheus",
        "loki",
        "discovery",
        "local",
        "remote",
        "mimir",
        "pyroscope",
        "faro",
        "beyla",
        "database_observability",
    ];

    public static void Run(StackModel model, ValidationReport report)
    {
        if (model.Alloy?.Alloy is not { } body)
        {
            if (model.Alloy is null)
            {
                report.Error(
                    model.InStack("config/alloy"),
                    Position.Start,
                    "no Alloy config (*.alloy) found under stack/config/alloy/"
                );
            }
            return;
        }
        var path = model.Alloy.Path;
        AlloyFormatChecks.Run(path, model.Alloy.Text, report);
        var components = body.Blocks().ToList();
        CheckDuplicates(path, components, report);
        CheckReferences(path, body, components, report);
        foreach (var (receiver, protocol) in OtlpProtocols(components))
        {
            if (
                protocol.Body.Attribute("endpoint") is { } endpoint
                && endpoint.Value.StringValue() is { } value
                && TempoChecks.IsLoopback(value)
            )
            {
                report.Error(
                    path,
                    endpoint.Pos,
                    $"{receiver.Id} {protocol.Name} endpoint {value} is loopback: Caro and the host cannot reach it from outside the container; use 0.0.0.0"
                );
            }
        }
        foreach (var limiter in components.Where(b => b.Name == "otelcol.processor.memory_limiter"))
        {
            if (limiter.Body.Attribute("check_interval") is null)
            {
                report.Error(path, limiter.Pos, $"{limiter.Id}: check_interval is required");
            }
        }
        CheckFromContext(path, components, report);
        AlloyValueChecks.Run(path, body, report);
        AlloyNameChecks.Run(path, body, report);
    }

    /// <summary>The grpc and http blocks of every OTLP receiver.</summary>
    public static IEnumerable<(RiverBlock Receiver, RiverBlock Protocol)> OtlpProtocols(
        IEnumerable<RiverBlock> components
    ) =>
        components
            .Where(b => b.Name == "otelcol.receiver.otlp")
            .SelectMany(r =>
                r.Body.Blocks().Where(b => b.Name is "grpc" or "http").Select(p => (r, p))
            );

    private static void CheckDuplicates(
        string path,
        List<RiverBlock> components,
        ValidationReport report
    )
    {
        foreach (var group in components.GroupBy(c => c.Id).Where(g => g.Count() > 1))
        {
            foreach (var duplicate in group.Skip(1))
            {
                report.Error(path, duplicate.Pos, $"component {group.Key} is declared twice");
            }
        }
    }

    private static void CheckReferences(
        string path,
        RiverBody body,
        List<RiverBlock> components,
        ValidationReport report
    )
    {
        var ids = components.Select(c => c.Id).ToList();
        foreach (var expr in body.AllExpressions())
        {
            if (expr is not RiverAccess || expr.DottedName() is not { } name)
            {
                continue;
            }
            var first = name.Split('.')[0];
            if (
                !ComponentNamespaces.Contains(first)
                || ids.Any(id => name.StartsWith(id + ".", StringComparison.Ordinal))
            )
            {
                continue;
            }
            // Only report the longest chain once (a.b.c.d also walks a.b.c).
            if (expr.Pos != default && IsOuterMost(body, expr))
            {
                var parts = name.Split('.');
                var guess = parts.Length > 1 ? string.Join('.', parts[..^1]) : name;
                report.Error(
                    path,
                    expr.Pos,
                    $"reference to undefined component: {name}{EditDistance.Hint(guess, ids)}"
                );
            }
        }
    }

    private static bool IsOuterMost(RiverBody body, RiverExpr expr) =>
        !body.AllExpressions()
            .Any(e =>
                e is RiverAccess outer
                && !ReferenceEquals(outer, expr)
                && ReferenceEquals(outer.Target, expr)
            );

    private static void CheckFromContext(
        string path,
        List<RiverBlock> components,
        ValidationReport report
    )
    {
        var keys = components
            .Where(c => c.Name == "otelcol.auth.headers")
            .SelectMany(c => c.Body.Blocks("header"))
            .Select(h => (Header: h, Key: h.Body.Attribute("from_context")?.Value.StringValue()))
            .Where(x => x.Key is not null)
            .ToList();
        if (keys.Count == 0)
        {
            return;
        }
        foreach (var (receiver, protocol) in OtlpProtocols(components))
        {
            if (
                protocol.Body.Attribute("include_metadata")?.Value
                is not RiverLiteral { Value: "true" }
            )
            {
                report.Error(
                    path,
                    protocol.Pos,
                    $"{receiver.Id} {protocol.Name}: include_metadata = true is needed, or headers from_context (\"{keys[0].Key}\") find nothing"
                );
            }
        }
        var batchKeys = components
            .Where(b => b.Name == "otelcol.processor.batch")
            .SelectMany(b =>
                b.Body.Attribute("metadata_keys")?.Value is RiverArray a
                    ? a.Items.Select(i => i.StringValue())
                    : []
            )
            .OfType<string>()
            .Select(k => k.ToLowerInvariant())
            .ToHashSet();
        if (!components.Any(b => b.Name == "otelcol.processor.batch"))
        {
            return;
        }
        foreach (var (header, key) in keys)
        {
            if (!batchKeys.Contains(key!.ToLowerInvariant()))
            {
                report.Error(
                    path,
                    header.Pos,
                    $"header from_context \"{key}\" is not in any otelcol.processor.batch metadata_keys: the batch drops request metadata, so the header is never set"
                );
            }
        }
    }
}
