using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Lifecycle.Tests.Support;

/// <summary>
/// A real local HTTP endpoint whose answers are scripted per request: a status code, or hang (accept and never
/// answer). It records what it answered and when, so tests can check that "ready" follows a 200.
/// </summary>
public sealed class ScriptedEndpoint : IAsyncDisposable
{
    public const int Hang = -1;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<int, int> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(int Status, TimeSpan At)> _answers = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Task _loop;

    /// <param name="script">Status to answer for the n-th request (0-based), or <see cref="Hang"/>.</param>
    public ScriptedEndpoint(Func<int, int> script)
    {
        _script = script;
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/ready");

    public IReadOnlyList<(int Status, TimeSpan At)> Answers
    {
        get
        {
            lock (_answers)
            {
                return _answers.ToArray();
            }
        }
    }

    public int Requests;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e)
                when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            var index = Interlocked.Increment(ref Requests) - 1;
            _ = Task.Run(() => AnswerAsync(client, _script(index)));
        }
    }

    private async Task AnswerAsync(TcpClient client, int status)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                _ = await stream.ReadAsync(new byte[4096], _stop.Token);
                if (status == Hang)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }
                var body = status == 200 ? "ready" : "not ready";
                var response =
                    $"HTTP/1.1 {status} X\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";
                lock (_answers)
                {
                    _answers.Add((status, _clock.Elapsed));
                }
                await stream.WriteAsync(Encoding.ASCII.GetBytes(response), _stop.Token);
            }
            catch (Exception e)
                when (e is OperationCanceledException or IOException or SocketException) { }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
    }
}
