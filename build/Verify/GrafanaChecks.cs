using System.Text.Json;
using System.Text.Json.Nodes;
using Build.Stack;

namespace Build.Verify;

/// <summary>
/// Grafana through its HTTP API (basic auth): every datasource answers its health check; every query of every
/// dashboard runs through <c>/api/ds/query</c> without error; each tenant's datasources see Verify's records of
/// that tenant (else the datasource points at the wrong tenant).
/// </summary>
public sealed class GrafanaChecks(
    VerifyHttp http,
    Uri grafana,
    IReadOnlyList<GrafanaDatasource> provisioned
)
{
    public const string Datasources = "grafana datasources";
    public const string Dashboards = "grafana dashboards";
    public const string Tenants = "grafana tenants";

    public async Task<CheckResult> DatasourcesAsync(CancellationToken cancellation)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var listed =
            JsonNode.Parse((await GetAsync("/api/datasources", cancellation)).Body)?.AsArray()
            ?? [];
        var uids = listed.Select(d => d?["uid"]?.GetValue<string>()).OfType<string>().ToArray();
        foreach (var missing in provisioned.Where(p => !uids.Contains(p.Uid)))
        {
            return Fail(
                Datasources,
                $"Grafana: provisioned datasource {missing.Uid} is not loaded: check Grafana's logs for provisioning errors (--target=Logs --service=grafana)."
            );
        }
        foreach (var uid in uids)
        {
            var answer = await http.GetAsync(
                Url($"/api/datasources/uid/{uid}/health"),
                null,
                cancellation
            );
            if (!answer.Ok)
            {
                var message = Message(answer.Body) ?? answer.FirstLine;
                return Fail(
                    Datasources,
                    $"Grafana → {uid}: the datasource's health check fails (HTTP {answer.Status}: {message}): check its URL and that the backend runs."
                );
            }
        }
        return new(
            Datasources,
            "*",
            Outcome.Pass,
            clock.Elapsed,
            $"{uids.Length} datasource(s) healthy"
        );
    }

    /// <summary>Every query of every dashboard, once per value of its datasource variables, each reading one tenant.</summary>
    public async Task<CheckResult> DashboardsAsync(CancellationToken cancellation)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var found =
            JsonNode
                .Parse((await GetAsync("/api/search?type=dash-db", cancellation)).Body)
                ?.AsArray()
            ?? [];
        var listed = JsonNode.Parse((await GetAsync("/api/datasources", cancellation)).Body);
        var datasources = (listed?.AsArray() ?? [])
            .Select(d => new GrafanaDatasource(
                Text(d, "uid"),
                Text(d, "name"),
                Text(d, "type"),
                provisioned.FirstOrDefault(p => p.Uid == Text(d, "uid"))?.Tenant
            ))
            .ToArray();
        var queries = 0;
        foreach (var uid in found.Select(d => d?["uid"]?.GetValue<string>()).OfType<string>())
        {
            var dashboard = JsonNode
                .Parse((await GetAsync($"/api/dashboards/uid/{uid}", cancellation)).Body)
                ?["dashboard"];
            var title = dashboard?["title"]?.GetValue<string>() ?? uid;
            var (bindings, problems) = DashboardVariables.Expand(dashboard, datasources);
            if (problems.Count > 0)
            {
                return Fail(
                    Dashboards,
                    $"Grafana: dashboard '{title}': {problems[0]}: name the datasources as its variables expect (stack/README.md, \"Add a tenant\")."
                );
            }
            foreach (var binding in bindings)
            {
                var value = binding.Values.Count > 0 ? $" ({binding})" : "";
                if (binding.Tenants.Count > 1)
                {
                    return Fail(
                        Dashboards,
                        $"Grafana: dashboard '{title}'{value} reads tenants {string.Join(" and ", binding.Tenants)}: each value of its variables must pick one tenant's datasources."
                    );
                }
                foreach (var (panel, query) in DashboardQueries.Of(dashboard, binding))
                {
                    queries++;
                    var error = await QueryErrorAsync(query, cancellation);
                    if (error is not null)
                    {
                        var datasource = query["datasource"]?["uid"]?.GetValue<string>() ?? "?";
                        return Fail(
                            Dashboards,
                            $"Grafana → {datasource}: dashboard '{title}'{value}, panel '{panel}', query {query["refId"]} fails: {error}"
                        );
                    }
                }
            }
        }
        return new(
            Dashboards,
            "*",
            Outcome.Pass,
            clock.Elapsed,
            $"{queries} quer(ies) of {found.Count} dashboard(s) ran without error (once per value of their datasource variables)"
        );
    }

    /// <summary>Each datasource of a proven tenant sees that tenant's probe through Grafana.</summary>
    public async Task<CheckResult> TenantsAsync(
        IReadOnlyList<VerifyProbe> probes,
        CancellationToken cancellation
    )
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var checkedCount = 0;
        string? queryError = null;
        foreach (var datasource in provisioned)
        {
            if (probes.FirstOrDefault(p => p.Tenant == datasource.Tenant) is not { } probe)
            {
                continue;
            }
            JsonObject? query = datasource.Type switch
            {
                "loki" => new()
                {
                    ["expr"] = BackendQueries.LogQl(probe.Run),
                    ["queryType"] = "range",
                },
                "prometheus" => new()
                {
                    ["expr"] =
                        $"{BackendQueries.ProbeMetric}{{job=\"{VerifyProbe.ServiceName}\",{OtlpNames.Label(VerifyProbe.ProbeAttribute)}=~\"{probe.Run}.*\"}}",
                    ["instant"] = true,
                    ["range"] = false,
                },
                "tempo" => new() { ["queryType"] = "traceId", ["query"] = probe.TraceId },
                _ => null,
            };
            if (query is null)
            {
                continue;
            }
            checkedCount++;
            query["refId"] = "A";
            query["datasource"] = new JsonObject { ["uid"] = datasource.Uid };
            var (error, body) = await RunAsync(query, cancellation);
            // Grafana reports a trace Tempo does not have (under the datasource's tenant) as a 404 error.
            if (
                datasource.Type == "tempo"
                && error?.Contains("404", StringComparison.Ordinal) == true
            )
            {
                (error, body) = (null, "");
            }
            if (error is not null)
            {
                // Kept for the end: a datasource on the wrong tenant is the more precise finding.
                queryError ??= $"Grafana → {datasource.Uid}: Verify's query fails: {error}";
                continue;
            }
            var seen = probes
                .Where(p =>
                    body.Contains(
                        datasource.Type == "tempo" ? p.TraceId : p.Id,
                        StringComparison.Ordinal
                    )
                )
                .Select(p => p.Tenant)
                .ToArray();
            if (!seen.Contains(probe.Tenant))
            {
                var sees =
                    seen.Length > 0
                        ? $"it sees tenant {string.Join(", ", seen)}"
                        : "it sees none of Verify's records while the backend has them";
                return Fail(
                    Tenants,
                    Hops.DatasourceWrongTenant(datasource.Uid, probe.Tenant, sees)
                );
            }
        }
        if (queryError is not null)
        {
            return Fail(Tenants, queryError);
        }
        return new(
            Tenants,
            "*",
            Outcome.Pass,
            clock.Elapsed,
            $"{checkedCount} datasource(s) read their own tenant"
        );
    }

    /// <summary>The first error of a <c>/api/ds/query</c> answer (overall status or any result's error), else null (pure).</summary>
    public static string? QueryError(int status, string body)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return status is >= 200 and < 300 ? "the answer is not JSON" : $"HTTP {status}";
        }
        foreach (var (_, result) in root?["results"]?.AsObject() ?? [])
        {
            if (result?["error"]?.GetValue<string>() is { Length: > 0 } error)
            {
                return error;
            }
        }
        return status is >= 200 and < 300 ? null : Message(body) ?? $"HTTP {status}";
    }

    private async Task<string?> QueryErrorAsync(JsonObject query, CancellationToken cancellation) =>
        (await RunAsync(query, cancellation)).Error;

    private async Task<(string? Error, string Body)> RunAsync(
        JsonObject query,
        CancellationToken cancellation
    )
    {
        var body = new JsonObject
        {
            ["from"] = "now-15m",
            ["to"] = "now",
            ["queries"] = new JsonArray(query.DeepClone()),
        };
        var answer = await http.PostJsonAsync(
            Url("/api/ds/query"),
            body.ToJsonString(),
            [],
            cancellation
        );
        return (QueryError(answer.Status, answer.Body), answer.Body);
    }

    private async Task<HttpAnswer> GetAsync(string path, CancellationToken cancellation)
    {
        var answer = await http.GetAsync(Url(path), null, cancellation);
        return answer.Ok
            ? answer
            : throw new VerifyQueryException(
                answer.Status is 401 or 403
                    ? $"Grafana: login refused (HTTP {answer.Status}) for {path}: the admin user/password do not match the running Grafana ({VerifyArguments.GrafanaUserVariable}/{VerifyArguments.GrafanaPasswordVariable})."
                    : Hops.QueryFailed(
                        "Grafana",
                        grafana,
                        $"HTTP {answer.Status} for {path}: {answer.FirstLine}"
                    )
            );
    }

    private Uri Url(string pathAndQuery)
    {
        var parts = pathAndQuery.Split('?', 2);
        return BackendQueries.Combine(grafana, parts[0], parts.Length > 1 ? parts[1] : "");
    }

    private static string? Message(string body)
    {
        try
        {
            return JsonNode.Parse(body)?["message"]?.GetValue<string>();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string Text(JsonNode? node, string key) => node?[key]?.GetValue<string>() ?? "";

    private static CheckResult Fail(string check, string detail) =>
        new(check, "*", Outcome.Fail, null, detail);
}
