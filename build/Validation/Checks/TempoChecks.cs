using Build.Validation.Model;
using Build.Validation.Reference;
using YamlDotNet.RepresentationModel;

namespace Build.Validation.Checks;

/// <summary>Layer 2 for Tempo 3: reference keys, removed 2.x blocks, legacy overrides, receivers on localhost (listed in build/Validation/README.md, layer 2).</summary>
public static class TempoChecks
{
    private static readonly HashSet<string> ScopedKeys =
    [
        "ingestion",
        "read",
        "compaction",
        "metrics_generator",
        "forwarders",
        "global",
        "storage",
        "cost_attribution",
    ];

    public static void Run(StackModel model, ValidationReport report)
    {
        if (
            EngineConfigChecks.Run(
                model,
                model.Tempo,
                TempoReference.Keys,
                model.TempoOverrides,
                TempoReference.Overrides,
                report
            )
            is not { } root
        )
        {
            return;
        }
        var file = model.Tempo!;
        foreach (var legacy in new[] { "ingester", "compactor" })
        {
            if (root.KeyNode(legacy) is { } key)
            {
                report.Error(
                    file.Path,
                    key.Pos(),
                    $"'{legacy}:' was removed in Tempo 3.0 and is refused at start-up (strict parsing): move retention to backend_worker/backend_scheduler and drop the block"
                );
            }
        }
        if (
            root.Get("multitenancy_enabled").Bool() != true
            && root.Get("auth_enabled").Bool() != true
        )
        {
            report.Error(
                file.Path,
                root.KeyNode("multitenancy_enabled")?.Pos() ?? Position.Start,
                "multitenancy_enabled must be true: otherwise Tempo ignores X-Scope-OrgID (tenant 'single-tenant')"
            );
        }
        var legacyAllowed = root.At("overrides", "enable_legacy_overrides").Bool() == true;
        CheckScoped(
            file,
            root.At("overrides", "defaults"),
            "overrides.defaults",
            legacyAllowed,
            report
        );
        foreach (var overrides in model.TempoOverrides)
        {
            foreach (var (tenant, limits) in overrides.Yaml.Get("overrides").Entries())
            {
                CheckScoped(overrides, limits, $"overrides.{tenant.Value}", legacyAllowed, report);
                if (!legacyAllowed)
                {
                    CheckIngestionLimits(overrides, tenant, limits, report);
                    CheckNotBelowUnnamed(overrides, tenant, limits, root, report);
                }
            }
        }
        CheckReceivers(file, root, report);
    }

    private static void CheckScoped(
        StackFile file,
        YamlNode? limits,
        string where,
        bool legacyAllowed,
        ValidationReport report
    )
    {
        if (legacyAllowed)
        {
            return;
        }
        foreach (var (key, _) in limits.Entries())
        {
            if (!ScopedKeys.Contains(key.Value ?? ""))
            {
                report.Error(
                    file.Path,
                    key.Pos(),
                    $"{where}.{key.Value}: legacy flat override, refused by Tempo 3 unless overrides.enable_legacy_overrides: true; use the scoped form (ingestion, compaction, metrics_generator, global, ...){EditDistance.Hint(key.Value ?? "", ScopedKeys)}"
                );
            }
        }
    }

    /// <summary>
    /// Tempo does not merge a tenant's entry with the defaults (modules/overrides/runtime_config_overrides.go):
    /// an ingestion rate or burst the entry leaves out is 0, and the distributor refuses every push of that
    /// tenant as rate-limited.
    /// </summary>
    private static void CheckIngestionLimits(
        StackFile file,
        YamlScalarNode tenant,
        YamlNode? limits,
        ValidationReport report
    )
    {
        foreach (var key in new[] { "rate_limit_bytes", "burst_size_bytes" })
        {
            var text = limits.At("ingestion", key).Str();
            var set =
                text is not null
                && (
                    text.StartsWith("${", StringComparison.Ordinal)
                    || (long.TryParse(text, out var bytes) && bytes > 0)
                );
            if (!set)
            {
                report.Error(
                    file.Path,
                    tenant.Pos(),
                    $"overrides.{tenant.Value}: ingestion.{key} is not set to a positive value: Tempo does not merge tenant overrides with the defaults, so it is 0 and every span of this tenant is refused (RATE_LIMITED); repeat the ingestion limits in each tenant"
                );
            }
        }
    }

    /// <summary>
    /// A named tenant must not get less than a tenant Tempo does not know (<c>overrides.defaults</c> in
    /// tempo.yaml, else Tempo's built-in default): it would be the first to be refused. A tenant value of 0
    /// is reported by <see cref="CheckIngestionLimits"/> (rate, burst) or means unlimited (trace count, size).
    /// </summary>
    private static void CheckNotBelowUnnamed(
        StackFile file,
        YamlScalarNode tenant,
        YamlNode? limits,
        YamlNode tempo,
        ValidationReport report
    )
    {
        foreach (var (section, key, builtIn, zeroIsUnlimited) in TempoReference.TenantLimitDefaults)
        {
            var unnamed = long.TryParse(
                tempo.At("overrides", "defaults", section, key).Str(),
                out var configured
            )
                ? configured
                : builtIn;
            var node = limits.At(section, key);
            if (!long.TryParse(node.Str(), out var value) || value <= 0)
            {
                continue;
            }
            var unlimited = zeroIsUnlimited && unnamed == 0;
            if (unlimited || value < unnamed)
            {
                report.Error(
                    file.Path,
                    node!.Pos(),
                    $"overrides.{tenant.Value}: {section}.{key} {value} is less than a tenant without an entry gets ({(unlimited ? "unlimited" : unnamed.ToString(System.Globalization.CultureInfo.InvariantCulture))}): raise it, or lower overrides.defaults in tempo.yaml"
                );
            }
        }
    }

    private static void CheckReceivers(StackFile file, YamlNode root, ValidationReport report)
    {
        var protocols = root.At("distributor", "receivers", "otlp", "protocols");
        foreach (var (protocol, settings) in protocols.Entries())
        {
            var endpoint = settings.Get("endpoint");
            var value = endpoint.Str();
            if (value is null)
            {
                report.Error(
                    file.Path,
                    protocol.Pos(),
                    $"OTLP {protocol.Value} receiver has no endpoint: since Tempo 2.7 it binds localhost, unreachable from Alloy; set endpoint: \"0.0.0.0:{(protocol.Value == "grpc" ? 4317 : 4318)}\""
                );
            }
            else if (IsLoopback(value))
            {
                report.Error(
                    file.Path,
                    endpoint!.Pos(),
                    $"OTLP {protocol.Value} receiver endpoint {value} is loopback: other containers cannot reach it; use 0.0.0.0"
                );
            }
        }
    }

    public static bool IsLoopback(string endpoint)
    {
        var host = endpoint.Contains("://", StringComparison.Ordinal)
            ? new Uri(endpoint).Host
            : endpoint.Split(':')[0];
        return host is "localhost" or "127.0.0.1" or "::1" or "[::1]"
            || (host.Length == 0 && !endpoint.StartsWith(':'));
    }
}
