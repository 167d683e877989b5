using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Verify.Tests.Doubles;

/// <summary>A request as a double sees it.</summary>
public sealed record DoubleRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body
)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name.ToLowerInvariant());

    public string? QueryValue(string name) =>
        Query
            .TrimStart('?')
            .Split('&')
            .Select(p => p.Split('=', 2))
            .Where(p => p[0] == name)
            .Select(p => Uri.UnescapeDataString(p.Length > 1 ? p[1].Replace('+', ' ') : ""))
            .FirstOrDefault();
}

/// <summary>A real local HTTP server (HttpListener on a free loopback port) whose answers a handler decides.</summary>
public sealed class HttpDouble : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<DoubleRequest, (int Status, string Body)> _handler;

    public HttpDouble(Func<DoubleRequest, (int Status, string Body)> handler)
    {
        _handler = handler;
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    public int Port { get; }
    public Uri Url => new($"http://127.0.0.1:{Port}");

    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e)
                when (e
                        is HttpListenerException
                            or ObjectDisposedException
                            or InvalidOperationException
                )
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var headers = context
                    .Request.Headers.AllKeys.OfType<string>()
                    .ToDictionary(k => k.ToLowerInvariant(), k => context.Request.Headers[k] ?? "");
                var request = new DoubleRequest(
                    context.Request.HttpMethod,
                    context.Request.Url!.AbsolutePath,
                    context.Request.Url.Query,
                    headers,
                    await reader.ReadToEndAsync()
                );
                (int Status, string Body) answer;
                try
                {
                    answer = _handler(request);
                }
                catch (Exception e)
                {
                    answer = (500, e.Message);
                }
                var bytes = Encoding.UTF8.GetBytes(answer.Body);
                context.Response.StatusCode = answer.Status;
                context.Response.ContentLength64 = bytes.Length;
                try
                {
                    await context.Response.OutputStream.WriteAsync(bytes);
                    context.Response.Close();
                }
                catch (HttpListenerException) { }
            });
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }
}
