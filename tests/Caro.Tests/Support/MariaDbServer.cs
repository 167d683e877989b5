using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MySqlConnector;

namespace Caro.Tests.Support;

/// <summary>
/// A throwaway MariaDB server for one test fixture: <c>mariadb-install-db</c> into a temp directory,
/// then <c>mariadbd</c> on a Unix socket (and 127.0.0.1 on a free port), stopped and deleted on dispose.
/// </summary>
public sealed class MariaDbServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private MariaDbServer(Process process, string directory, string socket)
    {
        _process = process;
        _directory = directory;
        Socket = socket;
    }

    public string Socket { get; }

    public string ConnectionString(string database) =>
        new MySqlConnectionStringBuilder
        {
            Server = Socket,
            ConnectionProtocol = MySqlConnectionProtocol.UnixSocket,
            UserID = "root",
            Database = database,
        }.ConnectionString;

    /// <summary>The reason no server can run here, or null when mariadbd is installed.</summary>
    public static string? MissingReason()
    {
        string[] needed = ["mariadbd", "mariadb-install-db"];
        var missing = needed.Where(tool => Which(tool) is null).ToList();
        return missing.Count == 0
            ? null
            : $"{string.Join(" and ", missing)} not installed (apt-get install mariadb-server): MariaDB suite skipped";
    }

    public static async Task<MariaDbServer> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"caro-mdb-{Guid.NewGuid():N}"[..17]);
        var data = Path.Combine(directory, "data");
        var socket = Path.Combine(directory, "s.sock");
        Directory.CreateDirectory(data);
        var asRoot = Environment.UserName == "root";
        var user = asRoot ? ["--user=root"] : Array.Empty<string>();

        var install = await RunAsync(
            Which("mariadb-install-db")!,
            [
                "--no-defaults",
                $"--datadir={data}",
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
                .. user,
            ]
        );
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"mariadb-install-db failed ({install.ExitCode}): {install.Output}"
            );
        }

        var start = new ProcessStartInfo(Which("mariadbd")!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            "--no-defaults",
            $"--datadir={data}",
            $"--socket={socket}",
            $"--port={FreePort()}",
            "--bind-address=127.0.0.1",
            $"--pid-file={Path.Combine(directory, "mariadbd.pid")}",
            $"--log-error={Path.Combine(directory, "error.log")}",
            "--innodb-buffer-pool-size=32M",
            "--skip-log-bin",
            .. user,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        var process =
            Process.Start(start) ?? throw new InvalidOperationException("mariadbd did not start");
        var server = new MariaDbServer(process, directory, socket);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await using var connection = new MySqlConnection(server.ConnectionString(""));
                await connection.OpenAsync();
                return server;
            }
            catch (MySqlException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(200);
            }
            catch (Exception exception)
            {
                var log = File.Exists(Path.Combine(directory, "error.log"))
                    ? await File.ReadAllTextAsync(Path.Combine(directory, "error.log"))
                    : "";
                await server.DisposeAsync();
                throw new InvalidOperationException(
                    $"mariadbd did not accept connections: {exception.Message}\n{log}"
                );
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':')
            .Concat(["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"])
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);

    private static async Task<(int ExitCode, string Output)> RunAsync(
        string file,
        string[] arguments
    )
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
