using System.Globalization;
using Caro.Shared.Settings;

namespace Caro.Shared.Hosting;

/// <summary>
/// <c>Caro healthcheck</c>: probes http://127.0.0.1:&lt;CARO_MANAGEMENT_PORT&gt;/health/ready and exits
/// 0 (ready) or 1, without starting the web host, so a shell-less image can use it as HEALTHCHECK.
/// </summary>
public static class HealthCheckCommand
{
    public const string Verb = "healthcheck";

    public static async Task<int> RunAsync()
    {
        var raw = Environment.GetEnvironmentVariable(CaroSettings.ManagementPortKey);
        var port = 9090;
        if (
            !string.IsNullOrWhiteSpace(raw)
            && (
                !int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out port)
                || port is < 1 or > 65535
            )
        )
        {
            await Console.Error.WriteLineAsync(
                $"caro healthcheck: {CaroSettings.ManagementPortKey} must be a port number (got '{raw}')."
            );
            return 1;
        }
        var url = $"http://127.0.0.1:{port}{HealthEndpoints.ReadyPath}";
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await client.GetAsync(url);
            var ready = response.IsSuccessStatusCode;
            Console.WriteLine($"caro healthcheck: {url} -> {(int)response.StatusCode}");
            return ready ? 0 : 1;
        }
        catch (Exception exception)
            when (exception is HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine(
                $"caro healthcheck: {url} unreachable ({exception.GetBaseException().Message})"
            );
            return 1;
        }
    }
}
