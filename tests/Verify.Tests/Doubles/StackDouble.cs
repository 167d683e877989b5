using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Build.Verify;

namespace Verify.Tests.Doubles;

/// <summary>
/// A double of the whole stack on one port, for what cannot run here: an Alloy double (OTLP at /v1/*, the tenant
/// taken from <c>tenant_id</c> as config.alloy does, or a fixed wrong one when <see cref="AlloyTenantOverride"/> is
/// set) that stores what it receives per tenant, and the read APIs of Loki, Mimir and Tempo answering from that
/// store in their real formats. The real engines are exercised by the Engines suite; this one drives Verify's
/// logic end to end.
/// </summary>
public sealed class StackDouble : IDisposable
{
    private readonly List<(string Tenant, string Path, string Body)> _received = [];
    private readonly HttpDouble _http;

    public StackDouble() => _http = new HttpDouble(Handle);

    public Uri Url => _http.Url;

    /// <summary>When set, every OTLP request lands under this tenant (a broken tenant mapping).</summary>
    public string? AlloyTenantOverride { get; set; }

    /// <summary>Jobs whose <c>up</c> is 1 in any tenant asking.</summary>
    public string[] UpJobs { get; set; } = ["alloy", "loki", "mimir", "tempo"];

    public int Received
    {
        get
        {
            lock (_received)
            {
                return _received.Count;
            }
        }
    }

    private IEnumerable<string> Bodies(string tenant, string path)
    {
        lock (_received)
        {
            return _received
                .Where(r => r.Tenant == tenant && r.Path == path)
                .Select(r => r.Body)
                .ToArray();
        }
    }

    private (int, string) Handle(DoubleRequest request)
    {
        if (request.Path.StartsWith("/v1/", StringComparison.Ordinal))
        {
            var tenant = AlloyTenantOverride ?? request.Header("tenant_id");
            if (tenant is null)
            {
                return (401, "no tenant");
            }
            lock (_received)
            {
                _received.Add((tenant, request.Path, request.Body));
            }
            return (200, "{}");
        }
        var org = request.Header("X-Scope-OrgID") ?? "";
        switch (request.Path)
        {
            case "/loki/api/v1/query_range":
                var filter = Regex
                    .Match(request.QueryValue("query") ?? "", "\\|= \"([^\"]+)\"")
                    .Groups[1]
                    .Value;
                var lines = Bodies(org, "/v1/logs")
                    .Select(b =>
                        JsonNode.Parse(b)!["resourceLogs"]![0]!["scopeLogs"]![0]!["logRecords"]![
                            0
                        ]!["body"]!["stringValue"]!.GetValue<string>()
                    )
                    .Where(l => l.Contains(filter, StringComparison.Ordinal));
                var values = new JsonArray(
                    lines.Select(l => (JsonNode)new JsonArray("1", l)).ToArray()
                );
                return (
                    200,
                    """{"status":"success","data":{"resultType":"streams","result":[{"stream":{"service_name":"lgtm-verify"},"values":VALUES}]}}""".Replace(
                        "VALUES",
                        values.ToJsonString()
                    )
                );
            case "/prometheus/api/v1/query":
                return (200, Vector(org, request.QueryValue("query") ?? ""));
            case "/prometheus/api/v1/rules":
                var groups = StackFacts
                    .RuleGroups(TestPlans.Stack, org)
                    .Select(g => new JsonObject
                    {
                        ["name"] = g.Group,
                        ["file"] = g.File,
                        ["rules"] = new JsonArray(
                            new JsonObject
                            {
                                ["name"] = "r",
                                ["health"] = "ok",
                                ["lastError"] = "",
                            }
                        ),
                    });
                return (
                    200,
                    new JsonObject
                    {
                        ["status"] = "success",
                        ["data"] = new JsonObject
                        {
                            ["groups"] = new JsonArray(groups.ToArray<JsonNode>()),
                        },
                    }.ToJsonString()
                );
            case "/api/v1/alerts":
                return (404, "alertmanager storage object not found");
        }
        if (request.Path.StartsWith("/api/v2/traces/", StringComparison.Ordinal))
        {
            var id = request.Path["/api/v2/traces/".Length..];
            return Bodies(org, "/v1/traces").Any(b => b.Contains(id, StringComparison.Ordinal))
                ? (200, """{"trace":{"resourceSpans":[{"traceId":"ID"}]}}""".Replace("ID", id))
                : (404, "trace not found");
        }
        return (404, "not found");
    }

    private string Vector(string tenant, string query)
    {
        var result = new JsonArray();
        if (query == "up")
        {
            foreach (var job in UpJobs)
            {
                result.Add(
                    new JsonObject
                    {
                        ["metric"] = new JsonObject { ["job"] = job },
                        ["value"] = new JsonArray(1, "1"),
                    }
                );
            }
        }
        else if (
            Regex.Match(query, "verify_probe=(~?)\"([^\"]+?)(\\.\\*)?\"") is { Success: true } probe
        )
        {
            // = matches one probe id; =~"<run>.*" every probe of a run (Grafana's tenant check).
            var prefix = probe.Groups[2].Value;
            var ids = Bodies(tenant, "/v1/metrics")
                .SelectMany(b =>
                    Regex.Matches(b, Regex.Escape(prefix) + "[^\"]*").Select(m => m.Value)
                )
                .Where(id => probe.Groups[1].Value == "~" || id == prefix)
                .Distinct();
            foreach (var id in ids)
            {
                result.Add(
                    new JsonObject
                    {
                        ["metric"] = new JsonObject { ["verify_probe"] = id },
                        ["value"] = new JsonArray(1, "1"),
                    }
                );
            }
        }
        else if (Regex.Match(query, "span_name=\"([^\"]+)\"") is { Success: true } span)
        {
            var count = Bodies(tenant, "/v1/traces")
                .Count(b => b.Contains(span.Groups[1].Value, StringComparison.Ordinal));
            if (count > 0)
            {
                result.Add(
                    new JsonObject
                    {
                        ["metric"] = new JsonObject { ["span_name"] = span.Groups[1].Value },
                        ["value"] = new JsonArray(
                            1,
                            count.ToString(System.Globalization.CultureInfo.InvariantCulture)
                        ),
                    }
                );
            }
        }
        return """{"status":"success","data":{"resultType":"vector","result":RESULT}}""".Replace(
            "RESULT",
            result.ToJsonString()
        );
    }

    public void Dispose() => _http.Dispose();
}
