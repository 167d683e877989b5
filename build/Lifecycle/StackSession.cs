using System.Text.RegularExpressions;
using Build.Docker;
using Build.Host;
using Build.Secrets;
using Build.Stack;
using Build.Tools;
using Build.Validation.Model;
using Cake.Common.Diagnostics;

namespace Build.Lifecycle;

/// <summary>
/// What every lifecycle target shares in one run: project name, compose file, docker and compose CLIs, the secrets
/// and the masker every printed line goes through. One per run (<see cref="BuildContext.Stack"/>), so Restart's
/// Down and Up share it.
/// </summary>
[TaskArgument(
    LifecycleArguments.ComposeFile,
    "The compose file; its folder holds env.yaml and data/.",
    Default = "stack/docker-compose.yaml"
)]
[TaskArgument(
    LifecycleArguments.ProjectName,
    "Compose project name.",
    Default = "$LGTM_PROJECT_NAME, else lgtm"
)]
[TaskArgument(
    LifecycleArguments.Secrets,
    "Where secrets come from: Infisical, or catalog defaults and development-only secrets (dev only).",
    Values = ["infisical", "local"],
    Default = "infisical"
)]
public sealed partial class StackSession
{
    private ComposeCli? _compose;
    private EnvironmentCatalog? _catalog;
    private StackSecrets? _secrets;

    /// <summary>Made once per run by <see cref="BuildContext.Stack"/>.</summary>
    internal StackSession(BuildContext context)
    {
        Context = context;
        Masker = context.Masker;
        Runner = new CommandRunner();
        Docker = new DockerCli(Runner);
        Project = ReadProjectName(context);
        var composeArgument = context.Args.Get(LifecycleArguments.ComposeFile);
        ComposeFilePath = composeArgument is null
            ? context.Paths.Stack.CombineWithFilePath(StackLayout.ComposeFile).FullPath
            : Path.GetFullPath(composeArgument, context.Paths.Root.FullPath);
        if (composeArgument is not null && !File.Exists(ComposeFilePath))
        {
            throw new UsageException(
                $"--{LifecycleArguments.ComposeFile}={composeArgument}: no such file ({ComposeFilePath}); pass an existing compose file (its folder holds env.yaml and data/)."
            );
        }
        StackDirectory = Path.GetDirectoryName(ComposeFilePath)!;
        DataDirectory = Path.Combine(StackDirectory, StackLayout.Data);
        SecretsMode = StackSecrets.ParseMode(
            context.Args.Get(LifecycleArguments.Secrets),
            context.DeployEnvironment
        );
    }

    public BuildContext Context { get; }
    public SecretMasker Masker { get; }
    public CommandRunner Runner { get; }
    public DockerCli Docker { get; }
    public string Project { get; }
    public string ComposeFilePath { get; }
    public string StackDirectory { get; }
    public string DataDirectory { get; }
    public SecretsMode SecretsMode { get; }
    public CancellationToken Cancellation => Context.CancellationToken;

    /// <summary>The catalog next to the compose file; a missing compose file is named first (it decides the folder).</summary>
    public EnvironmentCatalog Catalog =>
        _catalog ??= File.Exists(ComposeFilePath)
            ? EnvironmentCatalog.Load(Path.Combine(StackDirectory, StackLayout.EnvFile))
            : throw new BuildException(
                $"Compose file not found: {ComposeFilePath} (restore stack/docker-compose.yaml, or pass --{LifecycleArguments.ComposeFile}=)."
            );

    public StackSecrets Secrets =>
        _secrets ??= new StackSecrets(
            SecretsMode,
            Context.DeployEnvironment,
            Catalog,
            new InfisicalCli(
                Runner,
                InfisicalSettings.From(
                    Context.Paths.Root.FullPath,
                    Context.DeployEnvironment.Slug(),
                    Variable
                )
            ),
            Masker,
            Variable
        );

    public string? Variable(string name) => Context.Environment.GetEnvironmentVariable(name);

    /// <summary>
    /// For targets that only read or stop the running stack (Logs, WaitHealthy, Verify): registers with the masker
    /// the secret values the project's containers actually hold (<c>docker inspect</c>), so their output is masked
    /// whatever <c>--secrets</c> mode started the stack, and Infisical is not asked again. Returns how many values.
    /// </summary>
    public async Task<int> UseRunningSecretsAsync()
    {
        var containers = await Docker.ProjectContainersAsync(Project, Cancellation);
        var environments = await Docker.EnvironmentsAsync(
            containers.Select(c => c.Id).ToArray(),
            Cancellation
        );
        var values = RunningSecrets
            .Find(
                Catalog,
                LoadComposeWithoutSecrets().Services,
                containers
                    .Where(c => environments.ContainsKey(c.Id))
                    .Select(c => (c.Service, environments[c.Id]))
            )
            .Where(v => v.Length > 0)
            .Distinct()
            .ToList();
        foreach (var value in values)
        {
            Masker.Add(value);
        }
        return values.Count;
    }

    public async Task<ComposeCli> ComposeAsync() =>
        _compose ??= await ComposeCli.DetectAsync(Runner, Project, ComposeFilePath, Cancellation);

    /// <summary>How the targets that read the running stack start: the Docker engine answers, then the compose file (without secrets).</summary>
    public async Task<ComposeFile> OpenAsync()
    {
        await Docker.EnsureEngineAsync(Cancellation);
        return LoadComposeWithoutSecrets();
    }

    /// <summary>The compose file read with the non-secret values (build environment, then catalog defaults).</summary>
    public ComposeFile LoadComposeWithoutSecrets() =>
        ComposeFile.Load(
            ComposeFilePath,
            name => Variable(name) ?? (Catalog.Find(name) is { Secret: false } v ? v.Default : null)
        );

    /// <summary>The compose file read with the resolved values.</summary>
    public ComposeFile LoadCompose(ResolvedEnvironment resolved) =>
        ComposeFile.Load(ComposeFilePath, name => resolved.Get(name) ?? Variable(name));

    /// <summary>
    /// The services <paramref name="names"/> (a task's <c>--services</c>; all when empty); unknown names are a
    /// usage error.
    /// </summary>
    public IReadOnlyList<ComposeService> SelectServices(
        ComposeFile compose,
        IReadOnlyList<string> names
    )
    {
        if (names.Count == 0)
        {
            return compose.Services;
        }
        var unknown = names.FirstOrDefault(n => compose.Find(n) is null);
        if (unknown is not null)
        {
            throw new UsageException(
                $"Unknown service '{unknown}'. Valid: {string.Join(", ", compose.Services.Select(s => s.Name))}."
            );
        }
        return names.Distinct().Select(n => compose.Find(n)!).ToArray();
    }

    public void Info(string text) => Context.Information("{0}", Masker.Apply(text));

    public void Verbose(string text) => Context.Verbose("{0}", Masker.Apply(text));

    public void Warning(string text) => Context.Warning("{0}", Masker.Apply(text));

    public void Error(string text) => Context.Error("{0}", Masker.Apply(text));

    /// <summary>Runs a command, logging it at verbose and streaming its output at diagnostic, all masked.</summary>
    public Task<ProcessResult> RunAsync(CommandSpec spec)
    {
        Verbose($"> {spec}");
        return Runner.RunAsync(
            spec with
            {
                OnOutput = spec.OnOutput ?? (line => Context.Debug("{0}", Masker.Apply(line))),
                OnError = spec.OnError ?? (line => Context.Debug("{0}", Masker.Apply(line))),
            },
            Cancellation
        );
    }

    private static string ReadProjectName(BuildContext context)
    {
        var name =
            context.Args.Get(LifecycleArguments.ProjectName)
            ?? context.Environment.GetEnvironmentVariable(LifecycleArguments.ProjectNameVariable)
            ?? LifecycleArguments.DefaultProjectName;
        if (!ProjectNamePattern().IsMatch(name))
        {
            throw new UsageException(
                $"--project-name '{name}' is not a valid compose project name: use lower-case letters, digits, '-' and '_', starting with a letter or digit."
            );
        }
        return name;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex ProjectNamePattern();
}
