using System.Diagnostics;
using Build.Docker;
using Build.Health;
using Build.Host;
using Build.Lifecycle;
using Build.Secrets;
using Build.Tools;
using Build.Validation.Model;
using Build.Verify;

namespace Build.Tasks.Lifecycle;

[TaskName(nameof(Up))]
[TaskDescription(
    "Starts the stack: Preflight, Validate, Caro image, ports and data dirs, compose up -d (secrets only in its environment), WaitHealthy, Alertmanager configs, URL table. --services=a,b starts only those (--no-deps); --verify runs Verify at the end."
)]
[IsDependentOn(typeof(Preflight))]
[IsDependentOn(typeof(Build.Tasks.Stack.Validate))]
[IsDependentOn(typeof(Build.Tasks.Image.CaroImage))]
[TaskArgumentsFrom(typeof(StackSession))]
[TaskArgumentsFrom(typeof(StackHealth))]
[TaskArgumentsFrom(typeof(ServiceSelection))]
[TaskArgument(
    VerifyArguments.UpVerify,
    "Run Verify as Up's last step (its arguments apply).",
    Kind = ArgumentKind.Flag
)]
[TaskArgumentsFrom(typeof(VerifyRun))]
public sealed class Up : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var stopwatch = Stopwatch.StartNew();
        var session = context.Stack;

        // Preflight (engine, compose, secrets: its own task, repeated cheaply here for --exclusive), then ports
        // and data directories.
        var resolved = await Preflight.CheckAsync(session);
        var compose = await session.ComposeAsync();
        var file = session.LoadCompose(resolved);
        var services = session.SelectServices(file, ServiceSelection.Of(context));
        var own = await session.Docker.ProjectContainersAsync(
            session.Project,
            session.Cancellation
        );
        var conflicts = await PortCheck.FindConflictsAsync(
            services.SelectMany(s => s.Ports),
            own,
            session.Docker,
            session.Cancellation
        );
        if (conflicts.Count > 0)
        {
            var first = conflicts[0];
            var variable = PortVariable(resolved, first.Port);
            throw new BuildException(
                $"Cannot start: {string.Join("; ", conflicts)}. Stop what holds it{(variable is null ? "" : $" or set {variable} to a free port")}."
            );
        }
        foreach (var directory in DataDirectories.Prepare(services, session.DataDirectory))
        {
            session.Verbose($"data directory ready: {directory}");
        }

        var names =
            services.Count == file.Services.Count ? [] : services.Select(s => s.Name).ToArray();
        session.Info(
            $"Up: project {session.Project}, env {context.DeployEnvironment.Slug()}, secrets {session.SecretsMode.ToString().ToLowerInvariant()}, {compose.Flavor} compose, {(names.Length == 0 ? "all services" : string.Join(", ", names) + " (--no-deps)")}"
        );
        // Compose's progress ("Creating ... done"; it waits for depends_on health conditions) is shown, masked.
        var command = session.Secrets.Wrap(compose.Up(names)) with
        {
            OnOutput = line => session.Info("  " + line),
            OnError = line => session.Info("  " + line),
        };
        ProcessResult result;
        try
        {
            result = await session.RunAsync(command);
        }
        catch (OperationCanceledException) when (session.Cancellation.IsCancellationRequested)
        {
            throw new BuildException(
                "Up cancelled (Ctrl+C) while compose was starting containers: --target=Ps shows what runs, --target=Down stops it."
            );
        }
        if (!result.Succeeded)
        {
            throw new BuildException(session.Secrets.ExplainFailure("compose up", result));
        }

        await StackHealth.WaitAsync(session, services);
        await StackAlertmanager.LoadAsync(session, services, resolved);
        PrintUrls(
            session,
            services,
            await session.Docker.ProjectContainersAsync(session.Project, session.Cancellation)
        );
        session.Info($"Up: done in {stopwatch.Elapsed.TotalSeconds:0.0} s.");
        if (context.Args.Flag(VerifyArguments.UpVerify))
        {
            // --verify: prove the stack just started; a tenant whose webhook is set must run its uploaded config.
            await VerifyRun.RunAsync(
                session,
                tenant => resolved.Get(AlertmanagerUpload.VariableFor(tenant)) is { Length: > 0 }
            );
        }
    }

    /// <summary>The catalog variable that sets <paramref name="port"/>'s host port, to name it in the error.</summary>
    private static string? PortVariable(ResolvedEnvironment resolved, ComposePort port) =>
        resolved
            .Variables.Where(v =>
                v.Variable.Name.EndsWith("_PORT", StringComparison.Ordinal)
                && v.Value == port.Published.ToString()
                && v.Variable.UsedBy.Contains(port.Service)
            )
            .Select(v => v.Variable.Name)
            .FirstOrDefault();

    private static void PrintUrls(
        StackSession session,
        IReadOnlyList<ComposeService> services,
        IReadOnlyList<ContainerState> containers
    )
    {
        var table = new TextTable("SERVICE", "URL", "READINESS");
        foreach (var service in services)
        {
            var target = ReadinessTargets.For(service, containers);
            var ports = containers
                .Where(c => c.Service == service.Name)
                .SelectMany(c => c.Ports)
                .Where(p => p.Protocol == "tcp");
            var urls = ports
                .Select(p =>
                    $"http://{(p.HostIp is "0.0.0.0" or "" ? "127.0.0.1" : p.HostIp)}:{p.HostPort}/"
                )
                .Distinct();
            table.Add(
                service.Name,
                string.Join(" ", urls),
                target.Url?.ToString() ?? "container state"
            );
        }
        foreach (var line in table.Lines())
        {
            session.Info(line);
        }
    }
}
