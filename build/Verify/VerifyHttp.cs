using System.Net.Http.Headers;
using System.Text;

namespace Build.Verify;

/// <summary>An HTTP answer: status and body (first line used in messages).</summary>
public sealed record HttpAnswer(int Status, string Body)
{
    public bool Ok => Status is >= 200 and < 300;

    public string FirstLine
    {
        get
        {
            var line = Body.Split('\n', 2)[0].Trim();
            return line.Length > 160 ? line[..160] + "…" : line;
        }
    }
}

/// <summary>A backend answered a query with an error, or not at all (not "nothing found"): one line naming the hop.</summary>
public sealed class VerifyQueryException(string message) : Exception(message);

/// <summary>
/// Verify's HTTP access: every request has its own timeout; connection errors and timeouts surface as
/// <see cref="HttpRequestException"/> with one line.
/// </summary>
public sealed class VerifyHttp(HttpClient client, TimeSpan attemptTimeout)
{
    public const string TenantHeader = "X-Scope-OrgID";

    /// <summary>The header senders put the tenant in when they go through Alloy (config.alloy maps it).</summary>
    public const string AlloyTenantHeader = "tenant_id";

    public AuthenticationHeaderValue? Authorization { get; init; }

    /// <summary>Access with a login (HTTP basic authentication, as Grafana's API takes its admin user).</summary>
    public static VerifyHttp WithLogin(
        HttpClient client,
        TimeSpan attemptTimeout,
        string user,
        string password
    ) =>
        new(client, attemptTimeout)
        {
            Authorization = new AuthenticationHeaderValue(
                "Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"))
            ),
        };

    public Task<HttpAnswer> GetAsync(Uri url, string? tenant, CancellationToken cancellation) =>
        SendAsync(
            HttpMethod.Get,
            url,
            tenant is null ? [] : [(TenantHeader, tenant)],
            null,
            cancellation
        );

    /// <summary>
    /// A GET that must answer 2xx (or <paramref name="accepted"/>, e.g. 404 for "not there"): no answer or another
    /// status is a <see cref="VerifyQueryException"/> naming <paramref name="backend"/>'s query hop.
    /// </summary>
    public async Task<HttpAnswer> ReadAsync(
        Uri url,
        string tenant,
        string backend,
        CancellationToken cancellation,
        int accepted = 0
    )
    {
        HttpAnswer answer;
        try
        {
            answer = await GetAsync(url, tenant, cancellation);
        }
        catch (HttpRequestException e)
        {
            throw new VerifyQueryException(Hops.QueryFailed(backend, url, e.Message));
        }
        return answer.Ok || answer.Status == accepted
            ? answer
            : throw new VerifyQueryException(
                Hops.QueryFailed(backend, url, $"HTTP {answer.Status}: {answer.FirstLine}")
            );
    }

    public Task<HttpAnswer> PostJsonAsync(
        Uri url,
        string json,
        IReadOnlyList<(string Name, string Value)> headers,
        CancellationToken cancellation
    ) => SendAsync(HttpMethod.Post, url, headers, Json(json), cancellation);

    /// <summary>
    /// A JSON body typed exactly <c>application/json</c>: OTLP receivers (Loki's among them) compare the content type
    /// without parameters, so <c>; charset=utf-8</c> would be refused as unsupported.
    /// </summary>
    public static HttpContent Json(string json)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private async Task<HttpAnswer> SendAsync(
        HttpMethod method,
        Uri url,
        IReadOnlyList<(string Name, string Value)> headers,
        HttpContent? content,
        CancellationToken cancellation
    )
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        request.Headers.Authorization = Authorization;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(attemptTimeout);
        try
        {
            using var response = await client.SendAsync(request, timeout.Token);
            return new HttpAnswer(
                (int)response.StatusCode,
                await response.Content.ReadAsStringAsync(timeout.Token)
            );
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new HttpRequestException($"no answer within {attemptTimeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            throw new HttpRequestException(e.InnerException?.Message ?? e.Message);
        }
    }
}
