using Caro.Shared.Hosting;
using Caro.Shared.Settings;

// `Caro healthcheck` probes the running instance's readiness without starting a web host.
if (args.Length > 0 && args[0] == HealthCheckCommand.Verb)
{
    return await HealthCheckCommand.RunAsync();
}

try
{
    var app = CaroApp.Build(args);
    var settings = app.Services.GetRequiredService<CaroSettings>();
    PortCheck.EnsureFree(settings);
    app.Logger.LogInformation(
        "Caro API on http://{Bind}:{Port}, health on http://{Bind}:{Management}/health/ready",
        settings.BindAddress,
        settings.HttpPort,
        settings.BindAddress,
        settings.ManagementPort
    );
    await app.RunAsync();
    return 0;
}
catch (SettingsException exception)
{
    await Console.Error.WriteLineAsync($"caro: {exception.Message}");
    return 2;
}
catch (IOException exception)
    when (exception.InnerException is System.Net.Sockets.SocketException
        || exception.Message.Contains("address", StringComparison.OrdinalIgnoreCase)
    )
{
    await Console.Error.WriteLineAsync(
        $"caro: cannot listen ({exception.Message}); set {CaroSettings.HttpPortKey} / {CaroSettings.ManagementPortKey} to free ports."
    );
    return 1;
}

/// <summary>Entry point type (also the anchor for in-process test hosts).</summary>
public partial class Program;
