using System.Text.RegularExpressions;
using Build.Docker;
using Build.Host;
using Build.Stack;
using Build.Validation.Model;

namespace Build.Secrets;

/// <summary>
/// The secret values a running stack actually holds, read from its containers' environment: what a target that
/// only reads or stops the stack (Logs, WaitHealthy, Verify) masks, whatever secrets mode started the stack and
/// without asking Infisical again. A container variable is secret when the catalog marks its name secret, or when
/// its compose template reads a secret (<c>GF_SECURITY_ADMIN_PASSWORD: ${GRAFANA_ADMIN_PASSWORD}</c>); from a
/// template that wraps the secret (<c>db://u:${PASS}@h</c>) the secret part is taken out, else the whole value.
/// </summary>
public static partial class RunningSecrets
{
    private const string SecretMark = "\u0001S\u0002";
    private const string OtherMark = "\u0001N\u0002";

    public static IEnumerable<string> Find(
        EnvironmentCatalog catalog,
        IReadOnlyList<ComposeService> services,
        IEnumerable<(string Service, IReadOnlyDictionary<string, string> Environment)> containers
    )
    {
        foreach (var (serviceName, environment) in containers)
        {
            foreach (var (name, value) in environment)
            {
                if (catalog.Find(name) is { Secret: true })
                {
                    yield return value;
                }
            }
            var templates =
                services.FirstOrDefault(s => s.Name == serviceName)?.EnvironmentTemplates
                ?? new Dictionary<string, string>();
            foreach (var (name, template) in templates)
            {
                if (environment.TryGetValue(name, out var value))
                {
                    foreach (var secret in SecretParts(template, value, catalog))
                    {
                        yield return secret;
                    }
                }
            }
        }
    }

    /// <summary>The parts of <paramref name="value"/> that the secret references of <paramref name="template"/> produced.</summary>
    public static IReadOnlyList<string> SecretParts(
        string template,
        string value,
        EnvironmentCatalog catalog
    )
    {
        string marked;
        try
        {
            marked = ComposeInterpolation.Interpolate(
                template,
                name => catalog.Find(name) is { Secret: true } ? SecretMark : OtherMark
            );
        }
        catch (BuildException)
        {
            return [value]; // a template compose could not read either: mask the whole value
        }
        if (!marked.Contains(SecretMark, StringComparison.Ordinal))
        {
            return [];
        }
        var pattern = string.Concat(
            Marks()
                .Split(marked)
                .Select(part =>
                    part switch
                    {
                        SecretMark => "(.*)", // greedy: when in doubt, mask more
                        OtherMark => ".*?",
                        _ => Regex.Escape(part),
                    }
                )
        );
        var match = Regex.Match(value, "^" + pattern + "$", RegexOptions.Singleline);
        return match.Success ? match.Groups.Values.Skip(1).Select(g => g.Value).ToArray() : [value];
    }

    [GeneratedRegex("(\u0001[SN]\u0002)")]
    private static partial Regex Marks();
}
