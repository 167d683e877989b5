using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Build.Stack;

/// <summary>
/// A Grafana datasource as Validate, Verify and dashboard variables see it: uid (a variable's value), name (its
/// text), type, and the tenant its X-Scope-OrgID header names (null: none).
/// </summary>
public sealed record GrafanaDatasource(string Uid, string Name, string Type, string? Tenant);

/// <summary>One value of each datasource variable of a dashboard (empty for a dashboard without such variables).</summary>
public sealed record DashboardBinding(IReadOnlyDictionary<string, GrafanaDatasource> Values)
{
    /// <summary>The tenants the chosen datasources read: one, for a dashboard that shows a tenant.</summary>
    public IReadOnlyList<string> Tenants =>
        Values.Values.Select(d => d.Tenant).OfType<string>().Distinct().Order().ToArray();

    /// <summary><c>tenant = caro-backend-prod, logs = caro-backend-prod logs</c>; empty without variables.</summary>
    public override string ToString() =>
        string.Join(", ", Values.Select(v => $"{v.Key} = {v.Value.Name}"));

    /// <summary>
    /// Replaces <c>$var</c>, <c>${var}</c>, <c>${var:fmt}</c> and <c>[[var]]</c> of these variables as Grafana does:
    /// the uid, or the name for <c>:text</c> (regex-escaped in a regex unless <c>:text</c>/<c>:raw</c>); another
    /// variable takes its value in <paramref name="others"/> (the dashboard's current values), else stays.
    /// </summary>
    public string Substitute(
        string text,
        bool regex = false,
        IReadOnlyDictionary<string, string>? others = null
    ) =>
        DashboardVariables
            .Reference()
            .Replace(
                text,
                m =>
                {
                    var name = DashboardVariables.NameOf(m);
                    if (!Values.TryGetValue(name, out var ds))
                    {
                        return others?.GetValueOrDefault(name) ?? m.Value;
                    }
                    var format = m.Groups["fmt"].Value;
                    return format == "text" ? ds.Name
                        : regex && format != "raw" ? Regex.Escape(ds.Uid)
                        : ds.Uid;
                }
            );
}

/// <summary>
/// Every value Grafana's datasource variables of a dashboard can take, given the datasources Grafana has: each
/// variable (<c>"type": "datasource"</c>) offers the datasources of its plugin (<c>query</c>) whose name matches its
/// <c>regex</c>, in which the variables before it are replaced (Grafana's scenes do the same: a hidden
/// <c>logs</c> variable with regex <c>/^${tenant:text} logs$/</c> follows the chosen <c>tenant</c>). Validate checks each
/// binding statically; Verify runs every dashboard query once per binding.
/// </summary>
public static partial class DashboardVariables
{
    /// <summary>The bindings, and a sentence for each variable that can take no value (the binding is then dropped).</summary>
    public static (IReadOnlyList<DashboardBinding> Bindings, IReadOnlyList<string> Problems) Expand(
        JsonNode? dashboard,
        IReadOnlyList<GrafanaDatasource> datasources
    )
    {
        var bindings = new List<DashboardBinding>
        {
            new(new Dictionary<string, GrafanaDatasource>()),
        };
        var problems = new List<string>();
        foreach (var variable in Of(dashboard))
        {
            var name = Text(variable["name"]) ?? "?";
            var plugin = Text(variable["query"]) ?? "";
            var next = new List<DashboardBinding>();
            foreach (var binding in bindings)
            {
                var pattern = binding.Substitute(Text(variable["regex"]) ?? "", true);
                var regex = JsRegex(pattern);
                if (regex is null)
                {
                    problems.Add(
                        $"datasource variable '{name}': regex '{pattern}' is not a valid regular expression"
                    );
                    continue;
                }
                var options = datasources
                    .Where(d => d.Type == plugin && (pattern.Length == 0 || regex.IsMatch(d.Name)))
                    .ToList();
                if (options.Count == 0)
                {
                    var when = binding.Values.Count > 0 ? $" when {binding}" : "";
                    problems.Add(
                        $"datasource variable '{name}' ({plugin}, regex '{pattern}') matches no datasource{when}"
                    );
                }
                next.AddRange(
                    options.Select(o => new DashboardBinding(
                        new Dictionary<string, GrafanaDatasource>(binding.Values) { [name] = o }
                    ))
                );
            }
            bindings = next;
        }
        return (bindings, problems);
    }

    /// <summary>The dashboard's datasource variables (<c>templating.list</c> items of type <c>datasource</c>).</summary>
    public static IEnumerable<JsonNode> Of(JsonNode? dashboard) =>
        All(dashboard).Where(v => Text(v["type"]) == "datasource" && Text(v["name"]) is not null);

    /// <summary>Every variable of <c>templating.list</c> (nothing when the dashboard has another shape).</summary>
    public static IEnumerable<JsonObject> All(JsonNode? dashboard) =>
        dashboard is JsonObject root
        && root["templating"] is JsonObject templating
        && templating["list"] is JsonArray list
            ? list.OfType<JsonObject>()
            : [];

    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>The variable a <c>$name</c>/<c>${name}</c> reference names, or null when the text is none.</summary>
    public static string? Referenced(string text) =>
        Reference().Match(text) is { Success: true } m && m.Length == text.Length
            ? NameOf(m)
            : null;

    internal static string NameOf(Match m) =>
        m.Groups["a"].Success ? m.Groups["a"].Value
        : m.Groups["b"].Success ? m.Groups["b"].Value
        : m.Groups["c"].Value;

    /// <summary>Grafana's <c>stringToJsRegex</c>: <c>/pattern/flags</c>, else the whole text anchored.</summary>
    private static Regex? JsRegex(string text)
    {
        var literal = JsLiteral().Match(text);
        var (pattern, options) = literal.Success
            ? (
                literal.Groups[1].Value,
                literal.Groups[2].Value.Contains('i') ? RegexOptions.IgnoreCase : RegexOptions.None
            )
            : ("^" + text + "$", RegexOptions.None);
        try
        {
            return new Regex(
                pattern,
                options | RegexOptions.CultureInvariant,
                TimeSpan.FromSeconds(1)
            );
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [GeneratedRegex(
        @"\$\{(?<a>[A-Za-z_]\w*)(?::(?<fmt>[^}]*))?\}|\$(?<b>[A-Za-z_]\w*)|\[\[(?<c>[A-Za-z_]\w*)\]\]"
    )]
    internal static partial Regex Reference();

    [GeneratedRegex(@"^/(.*)/([gimsuy]*)$", RegexOptions.Singleline)]
    private static partial Regex JsLiteral();
}
