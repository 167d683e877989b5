using Build.Caro;
using Build.Host;
using Cake.Common;
using Cake.Common.Diagnostics;
using Cake.Core;
using Cake.Core.IO;

namespace Build.Tasks.Caro;

[TaskName(nameof(CaroRun))]
[TaskDescription(
    "Runs Caro locally on its embedded defaults (InMemory database, OTLP to localhost:4318) and prints its URLs; Ctrl+C stops it. --http-port, --management-port, --no-telemetry."
)]
[IsDependentOn(typeof(CaroBuild))]
[TaskArgumentsFrom(typeof(CaroProjects))]
[TaskArgument(
    CaroArguments.HttpPort,
    "The API port.",
    Kind = ArgumentKind.Number,
    Default = "8080",
    Min = 1,
    Max = 65535
)]
[TaskArgument(
    CaroArguments.ManagementPort,
    "The management (health) port.",
    Kind = ArgumentKind.Number,
    Default = "9090",
    Min = 1,
    Max = 65535
)]
[TaskArgument(CaroArguments.NoTelemetry, "Switch telemetry export off.", Kind = ArgumentKind.Flag)]
public sealed class CaroRun : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var http = context.Args.GetInt(CaroArguments.HttpPort);
        var management = context.Args.GetInt(CaroArguments.ManagementPort);
        var environment = new Dictionary<string, string?>
        {
            ["CARO_HTTP_PORT"] = http.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CARO_MANAGEMENT_PORT"] = management.ToString(
                System.Globalization.CultureInfo.InvariantCulture
            ),
            ["CARO_BIND_ADDRESS"] = "127.0.0.1",
            ["ENVIRONMENT"] = Environment.GetEnvironmentVariable("ENVIRONMENT") ?? "development",
        };
        if (context.Args.Flag(CaroArguments.NoTelemetry))
        {
            environment["OTEL_SDK_DISABLED"] = "true";
        }
        context.Information(
            "Caro API:      http://127.0.0.1:{0}/api/... (OpenAPI UI: http://127.0.0.1:{0}/scalar/, document: /openapi/v1.json)",
            http
        );
        context.Information(
            "Caro health:   http://127.0.0.1:{0}/health/live and /health/ready",
            management
        );
        context.Information(
            "Telemetry:     {0}",
            context.Args.Flag(CaroArguments.NoTelemetry)
                ? "off"
                : "OTLP/HTTP to "
                    + (
                        Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")
                        ?? "http://localhost:4318"
                    )
        );
        context.Information("Press Ctrl+C to stop.");
        var exitCode = context.StartProcess(
            "dotnet",
            new ProcessSettings
            {
                Arguments = new ProcessArgumentBuilder()
                    .Append("run")
                    .Append("--no-build")
                    .Append("--project")
                    .AppendQuoted(CaroProjects.Service(context).FullPath)
                    .Append("--configuration")
                    .Append(CaroProjects.Configuration(context)),
                WorkingDirectory = context.Paths.Root,
                EnvironmentVariables = environment,
            }
        );
        // 130/143: stopped by Ctrl+C / SIGTERM, the normal way out.
        if (exitCode is not (0 or 130 or 143))
        {
            throw new BuildException($"Caro exited with code {exitCode} (see its output above).");
        }
    }
}
