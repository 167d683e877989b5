using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Caro.Shared.Hosting;
using Caro.Shared.Persistence;
using Caro.Shared.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Caro.Tests.Support;

/// <summary>
/// A real Caro (the production composition root, <see cref="CaroApp.Build"/>) on an in-process
/// TestServer: the whole HTTP pipeline runs, only the socket is skipped. Fast settings by default.
/// </summary>
public sealed class CaroHost : IAsyncDisposable
{
    public const string ApiBase = "http://localhost:8080";
    public const string ManagementBase = "http://localhost:9090";

    private readonly WebApplication _app;

    private CaroHost(WebApplication app, CapturingLoggerProvider logs)
    {
        _app = app;
        Logs = logs;
        Api = app.GetTestClient();
        Api.BaseAddress = new Uri(ApiBase);
        Management = app.GetTestClient();
        Management.BaseAddress = new Uri(ManagementBase);
    }

    public HttpClient Api { get; }
    public HttpClient Management { get; }
    public CapturingLoggerProvider Logs { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<CaroHost> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null,
        TelemetrySetup.Hooks? telemetry = null,
        Action<IServiceCollection>? services = null,
        bool waitForDatabase = true
    )
    {
        var configuration = new Dictionary<string, string?>
        {
            ["CARO_INGESTION_DELAY_MS"] = "20",
            ["OTEL_SDK_DISABLED"] = "true",
            ["CARO_CONSOLE_LOG_LEVEL"] = "Warning",
            ["ENVIRONMENT"] = "test",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }
        var logs = new CapturingLoggerProvider();
        var app = CaroApp.Build(
            [],
            new CaroApp.Options(
                configuration,
                builder =>
                {
                    builder.WebHost.UseTestServer();
                    builder.Logging.AddProvider(logs);
                    services?.Invoke(builder.Services);
                },
                telemetry
            )
        );
        await app.StartAsync();
        if (waitForDatabase)
        {
            await app
                .Services.GetRequiredService<DatabaseState>()
                .WhenReady.WaitAsync(TimeSpan.FromSeconds(60));
        }
        return new CaroHost(app, logs);
    }

    public T Service<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A response: status and parsed envelope (or null for an empty body).</summary>
public sealed record ApiResponse(
    HttpStatusCode Status,
    JsonElement? Body,
    string Raw,
    HttpResponseMessage Message
)
{
    public JsonElement Data => Body!.Value.GetProperty("data");
    public string? ErrorCode =>
        Body?.GetProperty("error") is { ValueKind: JsonValueKind.Object } e
            ? e.GetProperty("code").GetString()
            : null;
    public string? ErrorMessage =>
        Body?.GetProperty("error") is { ValueKind: JsonValueKind.Object } e
            ? e.GetProperty("message").GetString()
            : null;
    public long Id => Data.GetProperty("id").GetInt64();
}

public static class HttpClientJson
{
    public static async Task<ApiResponse> SendApiAsync(
        this HttpClient client,
        HttpMethod method,
        string path,
        object? body = null,
        string? rawJson = null,
        byte[]? rawBytes = null
    )
    {
        using var request = new HttpRequestMessage(method, path);
        if (rawBytes is not null)
        {
            request.Content = new ByteArrayContent(rawBytes);
            request.Content.Headers.ContentType = new("application/json");
        }
        else if (rawJson is not null)
        {
            request.Content = new StringContent(rawJson, Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        var response = await client.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        JsonElement? parsed = string.IsNullOrEmpty(raw)
            ? null
            : JsonDocument.Parse(raw).RootElement.Clone();
        return new ApiResponse(response.StatusCode, parsed, raw, response);
    }

    public static Task<ApiResponse> GetApiAsync(this HttpClient client, string path) =>
        client.SendApiAsync(HttpMethod.Get, path);

    public static Task<ApiResponse> PostApiAsync(
        this HttpClient client,
        string path,
        object body
    ) => client.SendApiAsync(HttpMethod.Post, path, body);

    /// <summary>Creates a member, a deck of theirs and one card in it through the API; returns their ids.</summary>
    public static async Task<(long Member, long Deck, long Card)> SeedCardAsync(
        this HttpClient client
    )
    {
        var member = (
            await client.PostApiAsync(
                "/api/members",
                new { email = $"{Guid.NewGuid():N}@caro.test", nickname = "n" }
            )
        ).Id;
        var deck = (
            await client.PostApiAsync("/api/workbook/decks", new { memberId = member, name = "D" })
        ).Id;
        var card = (
            await client.PostApiAsync(
                "/api/workbook/cards",
                new
                {
                    memberId = member,
                    deckId = deck,
                    front = "f",
                    back = "b",
                }
            )
        ).Id;
        return (member, deck, card);
    }

    public static Task<ApiResponse> PostRawApiAsync(
        this HttpClient client,
        string path,
        string json
    ) => client.SendApiAsync(HttpMethod.Post, path, rawJson: json);
}
