using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EndToEnd.Tests.Support;

/// <summary>Caro's HTTP API through the container's published port; every call checks the status and the envelope.</summary>
public sealed class CaroApi(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new()
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public Task<JsonElement> PostAsync(string path, object body, HttpStatusCode expected) =>
        SendAsync(() => _http.PostAsJsonAsync(path, body), $"POST {path}", expected);

    public Task<JsonElement> GetAsync(string path) =>
        SendAsync(() => _http.GetAsync(path), $"GET {path}", HttpStatusCode.OK);

    /// <summary>The envelope's <c>data</c> after checking the status code and <c>success: true</c>.</summary>
    private static async Task<JsonElement> SendAsync(
        Func<Task<HttpResponseMessage>> send,
        string what,
        HttpStatusCode expected
    )
    {
        using var response = await send();
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), $"{what} answered {text}");
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        Assert.That(root.GetProperty("success").GetBoolean(), Is.True, $"{what} answered {text}");
        return root.GetProperty("data").Clone();
    }

    public void Dispose() => _http.Dispose();
}
