using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Build.Stack;
using Build.Verify;

namespace Verify.Tests.Doubles;

/// <summary>
/// A Grafana double (Grafana cannot run here): the datasources provisioned in stack/, each forwarding its queries to
/// a backend with its tenant as X-Scope-OrgID (<see cref="TenantOf"/> can point one at the wrong tenant), the
/// dashboards of stack/config/grafana/dashboards, and the API paths Verify uses, behind basic auth.
/// </summary>
public sealed class GrafanaDouble : IDisposable
{
    public const string User = "admin";
    public const string Password = "double-password";

    private readonly HttpDouble _http;
    private readonly Uri _loki;
    private readonly Uri _mimir;
    private readonly Uri _tempo;
    private readonly IReadOnlyList<GrafanaDatasource> _datasources = StackFacts.Datasources(
        TestPlans.Stack
    );
    private readonly HttpClient _client = new();

    /// <summary>All three backends behind one URL (the stack double).</summary>
    public GrafanaDouble(Uri backends)
        : this(backends, backends, backends) { }

    public GrafanaDouble(Uri loki, Uri mimir, Uri tempo)
    {
        _loki = loki;
        _mimir = mimir;
        _tempo = tempo;
        TenantOf = _datasources.ToDictionary(d => d.Uid, d => d.Tenant ?? "");
        NameOf = _datasources.ToDictionary(d => d.Uid, d => d.Name);
        _http = new HttpDouble(Handle);
    }

    public Uri Url => _http.Url;

    /// <summary>The tenant each datasource really sends (from provisioning unless a test changes it).</summary>
    public Dictionary<string, string> TenantOf { get; }

    /// <summary>The name Grafana lists for each datasource (from provisioning unless a test changes it).</summary>
    public Dictionary<string, string> NameOf { get; }

    /// <summary>A datasource whose queries all fail.</summary>
    public string? FailingDatasource { get; set; }

    private (int, string) Handle(DoubleRequest request)
    {
        var expected =
            "Basic "
            + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{User}:{Password}"));
        if (request.Header("Authorization") != expected)
        {
            return (401, """{"message":"invalid username or password"}""");
        }
        if (request.Path == "/api/datasources")
        {
            return (
                200,
                new JsonArray(
                    _datasources
                        .Select(d =>
                            (JsonNode)
                                new JsonObject
                                {
                                    ["uid"] = d.Uid,
                                    ["name"] = NameOf[d.Uid],
                                    ["type"] = d.Type,
                                }
                        )
                        .ToArray()
                ).ToJsonString()
            );
        }
        if (request.Path.StartsWith("/api/datasources/uid/", StringComparison.Ordinal))
        {
            return (200, """{"status":"OK","message":"Data source is working"}""");
        }
        if (request.Path == "/api/search")
        {
            return (
                200,
                new JsonArray(
                    Dashboards()
                        .Select(d =>
                            (JsonNode)new JsonObject { ["uid"] = d["uid"]!.GetValue<string>() }
                        )
                        .ToArray()
                ).ToJsonString()
            );
        }
        if (request.Path.StartsWith("/api/dashboards/uid/", StringComparison.Ordinal))
        {
            var uid = request.Path["/api/dashboards/uid/".Length..];
            return (
                200,
                new JsonObject
                {
                    ["dashboard"] = Dashboards()
                        .First(d => d["uid"]!.GetValue<string>() == uid)
                        .DeepClone(),
                }.ToJsonString()
            );
        }
        if (request.Path == "/api/ds/query")
        {
            return Query(JsonNode.Parse(request.Body)!["queries"]![0]!.AsObject());
        }
        return (404, """{"message":"not found"}""");
    }

    private (int, string) Query(JsonObject query)
    {
        var uid = query["datasource"]!["uid"]!.GetValue<string>();
        var refId = query["refId"]?.GetValue<string>() ?? "A";
        var datasource = _datasources.FirstOrDefault(d => d.Uid == uid);
        if (datasource is null || uid == FailingDatasource)
        {
            return (
                400,
                new JsonObject
                {
                    ["results"] = new JsonObject
                    {
                        [refId] = new JsonObject
                        {
                            ["status"] = 400,
                            ["error"] = datasource is null
                                ? $"datasource {uid} not found"
                                : "bad_data: invalid parameter \"query\"",
                        },
                    },
                }.ToJsonString()
            );
        }
        // Grafana's own interval variables, as Grafana would expand them for a 15-minute range.
        var expr = (query["expr"]?.GetValue<string>() ?? query["query"]?.GetValue<string>() ?? "")
            .Replace("$__rate_interval", "1m")
            .Replace("$__interval", "15s")
            .Replace("$__range", "15m")
            .Replace("$__auto", "15s");
        if (datasource.Type == "tempo" && query["queryType"]?.GetValue<string>() != "traceId")
        {
            return Frames(refId, ""); // the double models Tempo's trace lookup only, not TraceQL search
        }
        var url = datasource.Type switch
        {
            "loki" => BackendQueries.Loki(
                _loki,
                expr,
                DateTimeOffset.UtcNow.AddMinutes(-15),
                DateTimeOffset.UtcNow.AddMinutes(1)
            ),
            "prometheus" => BackendQueries.Prometheus(_mimir, expr),
            _ => BackendQueries.Trace(_tempo, expr),
        };
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Scope-OrgID", TenantOf[uid]);
        using var response = _client.Send(request);
        var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        if (
            !response.IsSuccessStatusCode
            && !(datasource.Type == "tempo" && (int)response.StatusCode == 404)
        )
        {
            // Grafana passes the backend's error on as the query's error.
            var error = new JsonObject
            {
                ["status"] = (int)response.StatusCode,
                ["error"] = body.Trim(),
            };
            return (
                400,
                new JsonObject { ["results"] = new JsonObject { [refId] = error } }.ToJsonString()
            );
        }
        // Grafana turns Tempo's trace (OTLP JSON, ids in base64) into data frames whose traceID column is hex.
        return Frames(
            refId,
            datasource.Type == "tempo" && response.IsSuccessStatusCode ? expr : body
        );
    }

    private static (int, string) Frames(string refId, string body) =>
        (
            200,
            new JsonObject
            {
                ["results"] = new JsonObject
                {
                    [refId] = new JsonObject
                    {
                        ["status"] = 200,
                        ["frames"] = new JsonArray(
                            new JsonObject
                            {
                                ["data"] = new JsonObject
                                {
                                    ["values"] = new JsonArray(new JsonArray(body)),
                                },
                            }
                        ),
                    },
                },
            }.ToJsonString()
        );

    private static IEnumerable<JsonNode> Dashboards() =>
        Directory
            .GetFiles(Path.Combine(TestPaths.Stack, "config", "grafana", "dashboards"), "*.json")
            .Order()
            .Select(f => JsonNode.Parse(File.ReadAllText(f))!);

    public void Dispose()
    {
        _http.Dispose();
        _client.Dispose();
    }
}
