// Test server of the lifecycle tests: a real process in a real container whose readiness is scripted.
//   PORT=8080             port to listen on (all addresses)
//   LISTEN_AFTER_MS=0     wait this long before listening at all (connections are refused/reset meanwhile)
//   READY_AFTER_MS=0      /ready (any path) answers 503 until this long after start, then 200
//   EXIT_AFTER_MS, EXIT_CODE=1   exit with EXIT_CODE after this long (a crashing service)
//   LOG_LINES=0           print "log line i" N times at start
//   PRINT_ENV=NAME,...    print NAME=<value> for each (to test that the build masks secrets in logs)
//   READY_FILE=/tmp/ready when set, write there (at start) the moment /ready turns 200, in Unix ms
// Argument "healthcheck": probe http://127.0.0.1:PORT/ready once, exit 0 on 200 else 1 (Docker HEALTHCHECK).
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

static int Env(string name, int fallback) =>
    int.TryParse(Environment.GetEnvironmentVariable(name), out var v) ? v : fallback;

var port = Env("PORT", 8080);
if (args.Length > 0 && args[0] == "healthcheck")
{
    try
    {
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, port);
        using var stream = client.GetStream();
        stream.Write(Encoding.ASCII.GetBytes("GET /ready HTTP/1.0\r\nHost: localhost\r\n\r\n"));
        var buffer = new byte[64];
        var read = stream.ReadAtLeast(buffer, 12, throwOnEndOfStream: false);
        return Encoding.ASCII.GetString(buffer, 0, read).Contains(" 200 ") ? 0 : 1;
    }
    catch (SocketException)
    {
        return 1;
    }
}

// As PID 1 in a container, SIGTERM is ignored unless handled: stop at once like a well-behaved service.
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => Environment.Exit(0));
var startedAt = DateTimeOffset.UtcNow;
var clock = Stopwatch.StartNew();
var readyAfter = Env("READY_AFTER_MS", 0);
Console.WriteLine($"test server starting on port {port}, ready after {readyAfter} ms");
for (var i = 1; i <= Env("LOG_LINES", 0); i++)
{
    Console.WriteLine($"log line {i}");
}
foreach (
    var name in (Environment.GetEnvironmentVariable("PRINT_ENV") ?? "").Split(
        ',',
        StringSplitOptions.RemoveEmptyEntries
    )
)
{
    Console.WriteLine($"{name}={Environment.GetEnvironmentVariable(name)}");
}
var exitAfter = Env("EXIT_AFTER_MS", -1);
if (exitAfter >= 0)
{
    _ = Task.Run(async () =>
    {
        await Task.Delay(exitAfter);
        Console.WriteLine($"exiting with code {Env("EXIT_CODE", 1)} as asked");
        Environment.Exit(Env("EXIT_CODE", 1));
    });
}
var readyFile = Environment.GetEnvironmentVariable("READY_FILE");
if (readyFile is not null)
{
    // The exact moment /ready starts answering 200, written at once (the clock below decides readiness).
    File.WriteAllText(readyFile, (startedAt.ToUnixTimeMilliseconds() + readyAfter).ToString());
}
await Task.Delay(Env("LISTEN_AFTER_MS", 0));
var listener = new TcpListener(IPAddress.Any, port);
listener.Start();
Console.WriteLine("listening");
while (true)
{
    var connection = await listener.AcceptTcpClientAsync();
    _ = Task.Run(async () =>
    {
        using (connection)
        {
            try
            {
                var stream = connection.GetStream();
                var buffer = new byte[4096];
                _ = await stream.ReadAsync(buffer);
                var ready = clock.ElapsedMilliseconds >= readyAfter;
                var body = ready ? "ready" : "not ready";
                var status = ready ? "200 OK" : "503 Service Unavailable";
                var response =
                    $"HTTP/1.1 {status}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(response));
            }
            catch (IOException)
            {
                // Client went away.
            }
        }
    });
}
