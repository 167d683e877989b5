using System.Net;
using Caro.Modules;
using Caro.Shared.Api;
using Caro.Shared.Events;
using Caro.Shared.Persistence;
using Caro.Shared.Settings;
using Caro.Shared.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Console;

namespace Caro.Shared.Hosting;

/// <summary>The composition root: settings, logging, Kestrel (API + management ports), modules, pipeline.</summary>
public static class CaroApp
{
    /// <summary>Test seams: extra configuration, builder and telemetry hooks. Production passes none.</summary>
    public sealed record Options(
        IReadOnlyDictionary<string, string?>? Configuration = null,
        Action<WebApplicationBuilder>? ConfigureBuilder = null,
        TelemetrySetup.Hooks? Telemetry = null
    );

    public static WebApplication Build(string[] args, Options? options = null)
    {
        var builder = WebApplication.CreateBuilder(
            new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory }
        );
        if (options?.Configuration is { } overrides)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }
        var settings = CaroSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        ConfigureLogging(builder, settings);
        ConfigureKestrel(builder, settings);
        builder.Services.Configure<HostOptions>(host =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(settings.ShutdownTimeoutSeconds)
        );
        builder.Services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(new UtcDateTimeConverter())
        );
        builder.Services.AddCaroStorage(settings);
        builder.Services.AddCaroHealth();
        builder.Services.AddSingleton<IEventPublisher, EventPublisher>();
        builder.AddCaroTelemetry(settings, options?.Telemetry);
        if (settings.OpenApiEnabled)
        {
            builder.Services.AddCaroOpenApi();
        }
        var modules = CaroModules.All.Where(m => m.IsEnabled(settings)).ToList();
        foreach (var module in modules)
        {
            module.AddServices(builder.Services);
        }
        options?.ConfigureBuilder?.Invoke(builder);

        var app = builder.Build();
        // Set up EF (its options, context factory, internal services and model) on another core while the
        // pipeline and Kestrel start: SchemaInitializer and the first readiness check then find it done.
        _ = Task.Run(() =>
        {
            var contexts = app.Services.GetRequiredService<IDbContextFactory<CaroDbContext>>();
            using var db = contexts.CreateDbContext();
            return db.Model;
        });
        app.Services.GetRequiredService<CaroMetrics>(); // starts the caro.uptime heartbeat
        app.UseMiddleware<HeadAsGetMiddleware>();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStatusCodePages(StatusCodeEnvelope.WriteAsync);
        app.UseMiddleware<ErrorHandlingMiddleware>();
        app.UseMiddleware<PortSplitMiddleware>();
        app.UseMiddleware<DatabaseReadyMiddleware>();
        app.UseCaroHealth();
        // Routing after HEAD became GET (otherwise HEAD would match no GET route and answer 405), and after the
        // health probes, which must not build the route table (HealthEndpoints).
        app.UseRouting();
        foreach (var module in modules)
        {
            module.MapEndpoints?.Invoke(app);
        }
        if (settings.OpenApiEnabled)
        {
            app.MapCaroOpenApi();
        }
        return app;
    }

    private static void ConfigureKestrel(WebApplicationBuilder builder, CaroSettings settings)
    {
        if (!IPAddress.TryParse(settings.BindAddress, out var address))
        {
            throw new SettingsException(
                $"{CaroSettings.BindAddressKey} must be an IP address such as 0.0.0.0 or 127.0.0.1 (got '{settings.BindAddress}')."
            );
        }
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = settings.MaxRequestBodyBytes;
            kestrel.Listen(address, settings.HttpPort);
            if (settings.ManagementPort != settings.HttpPort)
            {
                kestrel.Listen(address, settings.ManagementPort);
            }
        });
    }

    private static void ConfigureLogging(WebApplicationBuilder builder, CaroSettings settings)
    {
        if (
            !Enum.TryParse<LogLevel>(
                settings.ConsoleLogLevel,
                ignoreCase: true,
                out var consoleLevel
            )
        )
        {
            throw new SettingsException(
                $"{CaroSettings.ConsoleLogLevelKey} must be Trace, Debug, Information, Warning, Error or None (got '{settings.ConsoleLogLevel}')."
            );
        }
        var logging = builder.Logging;
        logging.ClearProviders();
        logging.Configure(options =>
            options.ActivityTrackingOptions =
                ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId
        );
        logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.IncludeScopes = true;
            console.UseUtcTimestamp = true;
            console.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
        });
        logging.SetMinimumLevel(LogLevel.Information);
        // Provider-specific rules win over general ones, so the console gets its own copy of each rule.
        static LogLevel AtLeast(LogLevel a, LogLevel b) => a > b ? a : b;
        (string? Category, LogLevel Level)[] rules =
        [
            (null, LogLevel.Information),
            ("Microsoft", LogLevel.Warning),
            ("Microsoft.Hosting.Lifetime", LogLevel.Information),
            ("System.Net.Http", LogLevel.Warning),
            // EF logs every failed save, including the expected optimistic-concurrency conflicts that
            // Caro retries; real failures are logged by Caro itself (listeners, error middleware).
            ("Microsoft.EntityFrameworkCore.Update", LogLevel.Critical),
            // Likewise its failed SQL commands (a foreign key or deadlock lost to a concurrent write, retried).
            ("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Critical),
            // Every failed readiness probe would be an error line; SchemaInitializer already says why.
            ("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.Critical),
        ];
        foreach (var (category, level) in rules)
        {
            logging.AddFilter(category, level);
            logging.AddFilter<ConsoleLoggerProvider>(category, AtLeast(level, consoleLevel));
        }
    }
}
