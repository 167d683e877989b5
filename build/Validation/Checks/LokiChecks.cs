using Build.Validation.Model;
using Build.Validation.Reference;

namespace Build.Validation.Checks;

/// <summary>Layer 2 for Loki: reference keys and the documented start-up failures (listed in build/Validation/README.md, layer 2).</summary>
public static class LokiChecks
{
    public static void Run(StackModel model, ValidationReport report)
    {
        if (
            EngineConfigChecks.Run(
                model,
                model.Loki,
                LokiReference.Keys,
                model.LokiRuntime,
                LokiReference.Runtime,
                report
            )
            is not { } root
        )
        {
            return;
        }
        var file = model.Loki!;

        if (root.Get("auth_enabled").Bool() == false)
        {
            report.Error(
                file.Path,
                root.KeyNode("auth_enabled")!.Pos(),
                "auth_enabled: false makes Loki ignore X-Scope-OrgID (every tenant becomes 'fake'): set it to true"
            );
        }

        var compactor = root.Get("compactor");
        var retention = compactor.Get("retention_enabled");
        if (
            retention.Bool() == true
            && string.IsNullOrEmpty(compactor.Get("delete_request_store").Str())
        )
        {
            report.Error(
                file.Path,
                retention!.Pos(),
                "compactor.retention_enabled needs compactor.delete_request_store (e.g. filesystem): Loki refuses to start without it"
            );
        }

        var periods = root.At("schema_config", "configs").Items().ToList();
        if (periods.Count == 0)
        {
            report.Error(
                file.Path,
                root.KeyNode("schema_config")?.Pos() ?? Position.Start,
                "schema_config.configs is empty: Loki needs at least one schema period (v13 on tsdb)"
            );
            return;
        }
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var active =
            periods
                .Where(p => DateOnly.TryParse(p.Get("from").Str(), out var from) && from <= today)
                .OrderBy(p => p.Get("from").Str(), StringComparer.Ordinal)
                .LastOrDefault()
            ?? periods[0];
        SchemaPeriods.Check(file, periods, report);
        var structuredMetadata =
            root.At("limits_config", "allow_structured_metadata").Bool() ?? true;
        var schema = active.Get("schema").Str();
        var store = active.Get("store").Str();
        if (structuredMetadata && (schema != "v13" || store != "tsdb"))
        {
            report.Error(
                file.Path,
                active.Pos(),
                $"structured metadata (limits_config.allow_structured_metadata, default true) needs the active schema period on v13 with store tsdb, not {schema ?? "?"}/{store ?? "?"}: Loki refuses to start"
            );
        }
    }
}
