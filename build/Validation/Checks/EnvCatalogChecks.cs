using Build.Stack;
using Build.Validation.Model;
using Build.Validation.Reference;
using Build.Validation.River;

namespace Build.Validation.Checks;

/// <summary>
/// Layer 3: every <c>${VAR}</c> of compose and the configs is in stack/env.yaml; variables a config reads reach its
/// container (environment or env_file); configs with variables run with <c>-config.expand-env=true</c>.
/// </summary>
public static class EnvCatalogChecks
{
    public static void Run(StackModel model, ValidationReport report)
    {
        if (model.EnvFile is null)
        {
            report.Error(
                model.InStack(StackLayout.EnvFile),
                Position.Start,
                "environment catalog stack/env.yaml is missing"
            );
            return;
        }
        if (model.EnvFile.Yaml is null)
        {
            return; // its parse error is reported; checking against an empty catalog would only add noise
        }
        foreach (
            var variable in model.Env.Variables.Values.Where(v =>
                v.Secret && !string.IsNullOrEmpty(v.Default)
            )
        )
        {
            report.Error(
                model.EnvFile.Path,
                variable.Pos,
                $"secret {variable.Name} has a default: secrets never have one (they come from Infisical)"
            );
        }
        if (model.Compose?.Yaml is { } compose)
        {
            foreach (var scalar in compose.Scalars())
            {
                foreach (var reference in EnvReferences.Find(scalar.Value ?? ""))
                {
                    if (
                        model.Env.Variables.GetValueOrDefault(reference.Name)
                            is { Secret: true } secret
                        && reference.Operator is ":-" or "-"
                        && !string.IsNullOrEmpty(reference.Argument)
                    )
                    {
                        report.Error(
                            model.Compose.Path,
                            scalar.Pos(),
                            $"secret {secret.Name} gets a default in compose ({reference.Text}): secrets never have one"
                        );
                    }
                    if (
                        reference.Operator is ":-" or "-"
                        && !string.IsNullOrEmpty(reference.Argument)
                        && model.Env.Variables.GetValueOrDefault(reference.Name)?.Default
                            is { Length: > 0 } catalogDefault
                        && catalogDefault != reference.Argument
                    )
                    {
                        report.Error(
                            model.Compose.Path,
                            scalar.Pos(),
                            $"{reference.Text}: the compose default differs from stack/env.yaml's default '{catalogDefault}' (the catalog is the single source of truth)"
                        );
                    }
                    Require(model, report, model.Compose.Path, scalar.Pos(), reference.Name);
                }
            }
        }
        CheckConfig(model, report, "loki", [model.Loki, .. model.LokiRuntime], expandFlag: true);
        CheckConfig(model, report, "mimir", [model.Mimir, .. model.MimirRuntime], expandFlag: true);
        CheckConfig(
            model,
            report,
            "tempo",
            [model.Tempo, .. model.TempoOverrides],
            expandFlag: true
        );
        CheckConfig(
            model,
            report,
            "grafana",
            [.. model.GrafanaDatasources, .. model.GrafanaProviders],
            expandFlag: false
        );
        if (model.Alloy?.Alloy is { } body && model.Service("alloy") is { } alloy)
        {
            var inContainer = Interpolation.ContainerVariables(model, alloy);
            foreach (var call in body.AllExpressions().OfType<RiverCall>())
            {
                if (
                    call.Function.DottedName() is "sys.env" or "env"
                    && call.Args.FirstOrDefault()?.StringValue() is { } name
                )
                {
                    Require(model, report, model.Alloy.Path, call.Pos, name, "alloy", inContainer);
                }
            }
        }
    }

    private static void CheckConfig(
        StackModel model,
        ValidationReport report,
        string serviceName,
        StackFile?[] files,
        bool expandFlag
    )
    {
        var service = model.Service(serviceName);
        if (service is null)
        {
            return;
        }
        var inContainer = Interpolation.ContainerVariables(model, service);
        foreach (var file in files.OfType<StackFile>().Where(f => f.Yaml is not null))
        {
            var used = false;
            foreach (var scalar in file.Yaml.Scalars())
            {
                foreach (
                    var reference in EnvReferences.Find(scalar.Value ?? "", allowBare: !expandFlag)
                )
                {
                    if (reference.Name.StartsWith("__", StringComparison.Ordinal))
                    {
                        continue;
                    }
                    used = true;
                    Require(
                        model,
                        report,
                        file.Path,
                        scalar.Pos(),
                        reference.Name,
                        serviceName,
                        inContainer
                    );
                }
            }
            if (used && expandFlag && service.Flag("config.expand-env") is not "true")
            {
                report.Error(
                    file.Path,
                    Position.Start,
                    $"uses ${{VAR}} but {serviceName} runs without -config.expand-env=true (the text stays literal): add the flag to its compose command"
                );
            }
        }
    }

    /// <summary>The variable is in the catalog and, for a config a container reads, passed to that container.</summary>
    private static void Require(
        StackModel model,
        ValidationReport report,
        string path,
        Position at,
        string name,
        string? service = null,
        HashSet<string>? inContainer = null
    )
    {
        if (!model.Env.Contains(name))
        {
            report.Error(
                path,
                at,
                $"${{{name}}} is not in the environment catalog stack/env.yaml{EditDistance.Hint(name, model.Env.Variables.Keys)}"
            );
        }
        else if (inContainer?.Contains(name) == false)
        {
            report.Error(
                path,
                at,
                $"{name} is read here but not passed to the {service} container (add it to its environment: in docker-compose.yaml)"
            );
        }
    }
}
