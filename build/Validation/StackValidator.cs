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
        void Layer(int layer, params Action<StackModel, ValidationReport>[] checks)
        {
            if (options.Layers.Contains(layer))
            {
                watch.Restart();
                if (checks.Length == 1)
                {
                    checks[0](model, report); // alone: its exceptions keep their type (a usage error)
                }
                else
                {
                    Parallel.ForEach(checks, check => check(model, report));
                }
                report.LayerTimes[layer] = watch.Elapsed;
            }
        }
        Layer(
            2,
            ComposeChecks.Run,
            LokiChecks.Run,
            MimirChecks.Run,
            TempoChecks.Run,
            AlloyChecks.Run,
            GrafanaChecks.Run,
            AlertingChecks.Run
        );
        Layer(
            3,
            TenantChecks.Run,
            EndpointChecks.Run,
            EnvCatalogChecks.Run,
            MountChecks.Run,
            MetricChecks.Run,
            ExemplarChecks.Run,
            DatasourceLinkChecks.Run,
            CatalogUsageChecks.Run
        );
        Layer(4, (stack, findings) => RealCheckers.Run(stack, options, findings));
        return report;
    }
}
