using Build.Docker;
using Build.Host;
using Build.Stack;
using Build.Tools;

namespace Build.Secrets;

/// <summary>Where the stack's secrets come from: <c>--secrets=infisical</c> (default) or <c>--secrets=local</c> (dev only).</summary>
public enum SecretsMode
{
    Infisical,
    Local,
}

/// <summary>
/// Resolves the catalog for the chosen environment and runs commands with the secrets in the child's environment
/// only: <c>infisical run -- cmd</c>, or with <c>--secrets=local</c> the catalog defaults plus development values.
/// No value is ever written to a file. Every secret value is registered with the <see cref="SecretMasker"/>.
/// </summary>
public sealed class StackSecrets(
    SecretsMode mode,
    DeployEnvironment environment,
    EnvironmentCatalog catalog,
    InfisicalCli infisical,
    SecretMasker masker,
    Func<string, string?> processEnvironment
)
{
    private ResolvedEnvironment? _resolved;

    /// <summary>The <c>--secrets</c> mode; a bad value or <c>local</c> outside dev is a usage error.</summary>
    public static SecretsMode ParseMode(string? text, DeployEnvironment environment)
    {
        var mode = text?.Trim().ToLowerInvariant() switch
        {
            null or "" or "infisical" => SecretsMode.Infisical,
            "local" => SecretsMode.Local,
            _ => throw new UsageException($"--secrets takes infisical or local, not '{text}'."),
        };
        if (mode == SecretsMode.Local && environment != DeployEnvironment.Dev)
        {
            throw new UsageException(LocalOutsideDev(environment));
        }
        return mode;
    }

    private static string LocalOutsideDev(DeployEnvironment environment) =>
        $"--secrets=local is for the dev environment only; {environment.Slug()} secrets come from Infisical (drop --secrets=local).";

    /// <summary>Resolves (once) every catalog variable; fails with one line on Infisical problems.</summary>
    public async Task<ResolvedEnvironment> ResolveAsync(CancellationToken cancellation)
    {
        if (_resolved is not null)
        {
            return _resolved;
        }
        IReadOnlyDictionary<string, string>? fromInfisical = null;
        if (mode == SecretsMode.Local)
        {
            if (environment != DeployEnvironment.Dev)
            {
                throw new UsageException(LocalOutsideDev(environment));
            }
        }
        else
        {
            fromInfisical = await infisical.ExportAsync(cancellation);
        }
        _resolved = ResolvedEnvironment.Resolve(
            catalog,
            fromInfisical,
            processEnvironment,
            mode == SecretsMode.Local,
            outsideDev: environment != DeployEnvironment.Dev
        );
        foreach (var secret in _resolved.SecretValues)
        {
            masker.Add(secret);
        }
        return _resolved;
    }

    /// <summary><paramref name="command"/> ready to run with the stack's variables (call <see cref="ResolveAsync"/> first).</summary>
    public CommandSpec Wrap(CommandSpec command)
    {
        var resolved =
            _resolved
            ?? throw new InvalidOperationException(
                "Resolve the secrets before running a command with them."
            );
        var environment = new Dictionary<string, string?>(command.Environment);
        foreach (
            var (name, value) in resolved.ChildEnvironment(
                includeSecrets: mode == SecretsMode.Local
            )
        )
        {
            environment[name] = value;
        }
        var withVariables = command with { Environment = environment };
        return mode == SecretsMode.Local ? withVariables : infisical.Wrap(withVariables);
    }

    /// <summary>One line saying why a wrapped command failed: Infisical's own failure, or the command's (masked) error.</summary>
    public string ExplainFailure(string what, ProcessResult result)
    {
        if (
            mode == SecretsMode.Infisical
            && InfisicalErrors.IsInfisicalFailure(result.StandardError)
        )
        {
            return masker.Apply(InfisicalErrors.Explain(result, infisical.Settings));
        }
        var exitCode =
            mode == SecretsMode.Infisical
                ? InfisicalErrors.ChildExitCode(result.StandardError) ?? result.ExitCode
                : result.ExitCode;
        var lines = result
            .StandardError.Split(
                '\n',
                StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries
            )
            .Where(l =>
                !l.Contains("failed to wait for command termination", StringComparison.Ordinal)
            )
            .TakeLast(3);
        return masker.Apply($"{what} failed (exit {exitCode}): {string.Join(" | ", lines)}");
    }
}
