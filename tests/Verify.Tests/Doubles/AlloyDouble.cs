using System.Text;

namespace Verify.Tests.Doubles;

/// <summary>
/// An Alloy double (Alloy cannot be built here): receives OTLP/HTTP at /v1/logs|metrics|traces and forwards each
/// request to the real backend's OTLP receiver with X-Scope-OrgID taken from the <c>tenant_id</c> header, as
/// config.alloy does; <see cref="TenantOverride"/> breaks that mapping on purpose.
/// </summary>
public sealed class AlloyDouble : IDisposable
{
    private readonly HttpDouble _http;
    private readonly HttpClient _client = new();
    private readonly Dictionary<string, Uri> _targets;

    public AlloyDouble(Uri logs, Uri metrics, Uri traces)
    {
        _targets = new()
        {
            ["/v1/logs"] = logs,
            ["/v1/metrics"] = metrics,
            ["/v1/traces"] = traces,
        };
        _http = new HttpDouble(Forward);
    }

    public Uri Url => _http.Url;

    /// <summary>When set, every request is forwarded under this tenant (a broken tenant mapping).</summary>
    public string? TenantOverride { get; set; }

    private (int, string) Forward(DoubleRequest request)
    {
        if (!_targets.TryGetValue(request.Path, out var target))
        {
            return (404, "not found");
        }
        using var forward = new HttpRequestMessage(HttpMethod.Post, target)
        {
            Content = Build.Verify.VerifyHttp.Json(request.Body),
        };
        if ((TenantOverride ?? request.Header("tenant_id")) is { } tenant)
        {
            forward.Headers.Add("X-Scope-OrgID", tenant);
        }
        using var response = _client.Send(forward);
        // Alloy answers its sender once the data is queued: 200, whatever the backend says later.
        return (200, "{}");
    }

    public void Dispose()
    {
        _http.Dispose();
        _client.Dispose();
    }
}
