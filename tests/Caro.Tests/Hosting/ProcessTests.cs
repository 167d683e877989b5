using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Caro.Tests.Support;

namespace Caro.Tests.Hosting;

/// <summary>The executable itself: Kestrel on two ports, the healthcheck verb, graceful shutdown, startup errors.</summary>
public sealed class ProcessTests
{
    [Test]
    public async Task ServesBothPortsAnswersHealthcheckAndStopsGracefully()
    {
        var (http, management) = (Ports.Closed(), Ports.Closed());
        var environment = CaroProcess.Environment(http, management);
        using var caro = CaroProcess.Start(environment);
        var started = Stopwatch.StartNew();
        await caro.WaitReadyAsync(management);
        TestContext.Out.WriteLine(
            $"ready after {started.ElapsedMilliseconds} ms (debug build, test machine)"
        );
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        Assert.That(
            (await client.GetAsync($"http://127.0.0.1:{http}/api/gamification/stats/1")).StatusCode,
            Is.EqualTo(HttpStatusCode.OK)
        );

        var healthy = await CaroProcess.RunAsync(
            new Dictionary<string, string>
            {
                ["CARO_MANAGEMENT_PORT"] = environment["CARO_MANAGEMENT_PORT"],
            },
            TimeSpan.FromSeconds(20),
            "healthcheck"
        );
        Assert.That(healthy.ExitCode, Is.Zero, healthy.Output);

        caro.Terminate();
        Assert.That(
            caro.Process.WaitForExit(TimeSpan.FromSeconds(15)),
            Is.True,
            "SIGTERM stops Caro"
        );
        caro.Process.WaitForExit(); // drains the redirected output
        Assert.That(caro.Process.ExitCode, Is.Zero);
        Assert.That(caro.Output, Has.Some.Contains("Application is shutting down"));

        var down = await CaroProcess.RunAsync(
            new Dictionary<string, string>
            {
                ["CARO_MANAGEMENT_PORT"] = environment["CARO_MANAGEMENT_PORT"],
            },
            TimeSpan.FromSeconds(20),
            "healthcheck"
        );
        Assert.That(down.ExitCode, Is.EqualTo(1), down.Output);
        Assert.That(down.Output, Does.Contain("unreachable"));
    }

    [Test]
    public async Task BadSettingExitsWithOneLineAndNoStackTrace()
    {
        var environment = CaroProcess.Environment(Ports.Closed(), Ports.Closed());
        environment["CARO_HTTP_PORT"] = "eighty";
        var result = await CaroProcess.RunAsync(environment, TimeSpan.FromSeconds(30));
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(
            result.Output.Trim(),
            Is.EqualTo(
                "caro: CARO_HTTP_PORT must be an integer from 1 to 65535 (got 'eighty'); fix or unset it."
            )
        );
    }

    [Test]
    public async Task PortInUseExitsWithOneLine()
    {
        using var occupied = new TcpListener(IPAddress.Loopback, 0);
        occupied.Start();
        var environment = CaroProcess.Environment(
            ((IPEndPoint)occupied.LocalEndpoint).Port,
            Ports.Closed()
        );
        var result = await CaroProcess.RunAsync(environment, TimeSpan.FromSeconds(30));
        Assert.That(result.ExitCode, Is.EqualTo(2), result.Output);
        Assert.That(
            result.Output.Trim(),
            Does.StartWith("caro: cannot listen on 127.0.0.1:")
                .And.EndWith("set CARO_HTTP_PORT to a free port.")
        );
        Assert.That(result.Output, Does.Not.Contain("   at "));
    }

    [Test]
    public async Task HealthcheckRejectsABadPortSetting()
    {
        var result = await CaroProcess.RunAsync(
            new Dictionary<string, string> { ["CARO_MANAGEMENT_PORT"] = "x" },
            TimeSpan.FromSeconds(20),
            "healthcheck"
        );
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Output, Does.Contain("CARO_MANAGEMENT_PORT must be a port number"));
    }
}
