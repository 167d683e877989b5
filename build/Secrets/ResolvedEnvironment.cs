using Build.Stack;

namespace Build.Secrets;

/// <summary>Where a variable's value came from.</summary>
public enum ValueSource
{
    Missing,
    Infisical,
    ProcessEnvironment,
    CatalogDefault,
    LocalDevelopment,
}

/// <summary>One catalog variable after resolution, for one environment.</summary>
public sealed record ResolvedVariable(
    CatalogVariable Variable,
    string? Value,
    ValueSource Source,
    bool Required
)
{
    public bool IsSet => Value is not null;
    public bool IsMissing => Required && !IsSet;

    /// <summary>A per-environment variable outside dev: only Infisical may set it.</summary>
    public bool InfisicalOnly { get; init; }
}

/// <summary>
/// The catalog resolved for one environment. Order: Infisical (when used) &gt; the build's own environment
/// (non-secrets only) &gt; catalog default (non-secrets only) &gt; local development value (secrets, --secrets=local).
/// </summary>
public sealed class ResolvedEnvironment
{
    /// <summary>The development-only value of a secret with <c>--secrets=local</c>: <c>local-dev-&lt;name in lower case&gt;</c>.</summary>
    public static string LocalDevelopmentValue(string name) =>
        "local-dev-" + name.ToLowerInvariant();

    private ResolvedEnvironment(
        IReadOnlyList<ResolvedVariable> variables,
        IReadOnlyDictionary<string, string> extra
    )
    {
        Variables = variables;
        _extra = extra;
    }

    private readonly IReadOnlyDictionary<string, string> _extra;

    public IReadOnlyList<ResolvedVariable> Variables { get; }

    public IEnumerable<ResolvedVariable> Missing => Variables.Where(v => v.IsMissing);

    /// <summary>The value of <paramref name="name"/> (catalog variables, then Infisical values outside the catalog).</summary>
    public string? Get(string name) =>
        Variables.FirstOrDefault(v => v.Variable.Name == name)?.Value
        ?? _extra.GetValueOrDefault(name);

    /// <summary>Every secret value known to this run (for the masker), including Infisical values outside the catalog.</summary>
    public IEnumerable<string> SecretValues =>
        Variables
            .Where(v => v.Variable.Secret && v.Value is not null)
            .Select(v => v.Value!)
            .Concat(_extra.Values);

    /// <param name="outsideDev">
    /// Staging or prod: a <see cref="CatalogVariable.PerEnvironment"/> variable then comes from Infisical or is
    /// missing (its default and the shell's value are development values, and it decides environment or tenant).
    /// </param>
    public static ResolvedEnvironment Resolve(
        EnvironmentCatalog catalog,
        IReadOnlyDictionary<string, string>? infisical,
        Func<string, string?> processEnvironment,
        bool localSecrets,
        bool outsideDev = false
    )
    {
        var values = new List<(CatalogVariable Variable, string? Value, ValueSource Source)>();
        foreach (var variable in catalog.Variables.Values)
        {
            if (
                infisical is not null
                && infisical.TryGetValue(variable.Name, out var fromInfisical)
            )
            {
                values.Add((variable, fromInfisical, ValueSource.Infisical));
            }
            else if (variable.PerEnvironment && outsideDev)
            {
                values.Add((variable, null, ValueSource.Missing));
            }
            else if (!variable.Secret && processEnvironment(variable.Name) is { } fromProcess)
            {
                values.Add((variable, fromProcess, ValueSource.ProcessEnvironment));
            }
            else if (!variable.Secret && variable.Default is not null)
            {
                values.Add((variable, variable.Default, ValueSource.CatalogDefault));
            }
            else
            {
                values.Add((variable, null, ValueSource.Missing));
            }
        }
        var byName = values.ToDictionary(
            v => v.Variable.Name,
            v => v.Value,
            StringComparer.Ordinal
        );
        bool IsRequired(CatalogVariable v) => v.Required || Applies(v.RequiredWhen, byName);

        // --secrets=local: a development value only for the secrets the stack needs (required, or required now).
        var resolved = values
            .Select(v =>
                v.Source == ValueSource.Missing
                && v.Variable.Secret
                && localSecrets
                && IsRequired(v.Variable)
                    ? new ResolvedVariable(
                        v.Variable,
                        LocalDevelopmentValue(v.Variable.Name),
                        ValueSource.LocalDevelopment,
                        true
                    )
                    : new ResolvedVariable(v.Variable, v.Value, v.Source, IsRequired(v.Variable))
                    {
                        InfisicalOnly = v.Variable.PerEnvironment && outsideDev,
                    }
            )
            .ToArray();
        // Infisical values the catalog does not list still reach compose (and are masked: they may be secret).
        var extra =
            infisical
                ?.Where(kv => catalog.Find(kv.Key) is null)
                .ToDictionary(kv => kv.Key, kv => kv.Value)
            ?? [];
        return new ResolvedEnvironment(resolved, extra);
    }

    /// <summary>
    /// One sentence naming the missing required variables and the fix (null when none is missing): first those
    /// that only Infisical may set (per-environment variables outside dev), then the others.
    /// </summary>
    public string? DescribeMissing(string environment)
    {
        var missing = Missing.ToList();
        if (missing.Count == 0)
        {
            return null;
        }
        var fromInfisical = missing.Where(v => v.InfisicalOnly).ToList();
        var others = missing.Except(fromInfisical).ToList();
        var othersText =
            $"{others.Count} required variable(s) missing for {environment}: {string.Join(", ", others.Select(v => v.Variable.Name))} (set them in Infisical {string.Join(" or ", others.Select(v => v.Variable.Path).Distinct())})";
        if (fromInfisical.Count == 0)
        {
            return othersText + ".";
        }
        var one = fromInfisical.Count == 1;
        var names = string.Join(", ", fromInfisical.Select(v => v.Variable.Name));
        var paths = string.Join(" or ", fromInfisical.Select(v => v.Variable.Path).Distinct());
        return $"{names} must come from Infisical for {environment}: set {(one ? "it" : "them")} in Infisical {paths} (env {environment}); {(one ? "it decides" : "they decide")} the environment or tenant, so outside dev neither {(one ? "its default nor the shell's value is" : "their defaults nor the shell's values are")} used"
            + (others.Count == 0 ? "." : $"; also {othersText}.");
    }

    /// <summary><c>"VAR=value"</c> holds for the resolved values.</summary>
    private static bool Applies(string? condition, IReadOnlyDictionary<string, string?> values)
    {
        if (string.IsNullOrWhiteSpace(condition))
        {
            return false;
        }
        var eq = condition.IndexOf('=');
        if (eq < 0)
        {
            return values.GetValueOrDefault(condition.Trim()) is { Length: > 0 };
        }
        return values.GetValueOrDefault(condition[..eq].Trim()) == condition[(eq + 1)..].Trim();
    }

    /// <summary>
    /// Variables for the compose child process. With Infisical only non-secrets go here (Infisical injects its own
    /// values, which override these); with local secrets everything resolved does.
    /// </summary>
    public IReadOnlyDictionary<string, string?> ChildEnvironment(bool includeSecrets) =>
        Variables
            .Where(v =>
                v.Value is not null
                && (includeSecrets || !v.Variable.Secret)
                && v.Source != ValueSource.Infisical
            )
            .ToDictionary(v => v.Variable.Name, v => v.Value);
}
