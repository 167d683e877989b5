using Build.Host;
using Build.Lifecycle;
using Build.Secrets;

namespace Build.Tasks.Lifecycle;

[TaskName(nameof(EnvCheck))]
[TaskDescription(
    "Shows every variable of stack/env.yaml for --env: set or missing, value (secrets masked), source (Infisical, environment, default); fails on missing required ones."
)]
[TaskArgumentsFrom(typeof(StackSession))]
public sealed class EnvCheck : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var session = context.Stack;
        var resolved = await session.Secrets.ResolveAsync(session.Cancellation);
        var table = new TextTable("VARIABLE", "STATUS", "VALUE", "SOURCE");
        foreach (var v in resolved.Variables)
        {
            var status =
                v.IsSet ? "set"
                : v.Required ? "MISSING"
                : "unset";
            var value =
                v.Value is null ? ""
                : v.Variable.Secret ? SecretMasker.Describe(v.Value)
                : v.Value;
            table.Add(v.Variable.Name, status, value, Describe(v));
        }
        session.Info(
            $"EnvCheck: env {context.DeployEnvironment.Slug()}, secrets from {(session.SecretsMode == SecretsMode.Local ? "local development values" : "Infisical " + InfisicalCli.SecretPath)}"
        );
        foreach (var line in table.Lines())
        {
            session.Info(line);
        }
        if (resolved.DescribeMissing(context.DeployEnvironment.Slug()) is { } missing)
        {
            throw new BuildException(missing);
        }
        session.Info(
            $"EnvCheck: {resolved.Variables.Count(v => v.IsSet)} of {resolved.Variables.Count} variable(s) set, none missing."
        );
    }

    private static string Describe(ResolvedVariable v) =>
        v.Source switch
        {
            ValueSource.Infisical => $"Infisical {v.Variable.Path}",
            ValueSource.ProcessEnvironment => "environment",
            ValueSource.CatalogDefault => "default",
            ValueSource.LocalDevelopment => "local (dev only)",
            _ when v.InfisicalOnly => $"Infisical {v.Variable.Path} only (decides env/tenant)",
            _ => v.Required ? "-"
            : v.Variable.RequiredWhen is { } when ? $"required when {when}"
            : "optional",
        };
}
