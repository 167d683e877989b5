using System.Diagnostics;
using Build.Validation.Checks;
using Build.Validation.Model;
using Build.Validation.Real;

namespace Build.Validation;

/// <summary>
/// Validates the stack in layers: 1 parse, 2 static checks per component, 3 cross-file consistency,
/// 4 real checkers (docker compose, amtool, promtool, the engines' own checks when their images are present).
/// The checks of a layer are independent and run in parallel. Independent of Cake: the Validate task prints
/// the report and fails on errors.
/// </summary>
public static class StackValidator
{
    public static ValidationReport Run(ValidationOptions options)
    {
        var report = new ValidationReport();
        var watch = Stopwatch.StartNew();
        var model = StackLoader.Load(options.Root, options.Stack, report);
        report.LayerTimes[1] = watch.Elapsed;
        if (model.Unreadable)
        {
            // No stack folder or no compose file: every other finding would only repeat that.
            return report;
        }
        if (options.Layers.Contains(2))
        {
            watch.Restart();
            Parallel.Invoke(
                () => ComposeChecks.Run(model, report),
                () => LokiChecks.Run(model, report),
                () => MimirChecks.Run(model, report),
                () => TempoChecks.Run(model, report),
                () => AlloyChecks.Run(model, report),
                () => GrafanaChecks.Run(model, report),
                () => AlertingChecks.Run(model, report)
            );
            report.LayerTimes[2] = watch.Elapsed;
        }
        if (options.Layers.Contains(3))
        {
            watch.Restart();
            Parallel.Invoke(
                () => TenantChecks.Run(model, report),
                () => EndpointChecks.Run(model, report),
                () => EnvCatalogChecks.Run(model, report),
                () => MountChecks.Run(model, report),
                () => MetricChecks.Run(model, report),
                () => ExemplarChecks.Run(model, report),
                () => DatasourceLinkChecks.Run(model, report),
                () => CatalogUsageChecks.Run(model, report)
            );
            report.LayerTimes[3] = watch.Elapsed;
        }
        if (options.Layers.Contains(4))
        {
            watch.Restart();
            RealCheckers.Run(model, options, report);
            report.LayerTimes[4] = watch.Elapsed;
        }
        return report;
    }
}
