using Build.Host;
using Build.Lifecycle;
using Build.Secrets;
using Cake.Core;

namespace Build;

/// <summary>
/// The build's own context (the host knows only <see cref="FrostingContext"/>): what the targets share, read once
/// when the run starts and kept as plain properties. <c>--env</c>, declared here, is accepted by every target.
/// </summary>
[TaskArgument(
    Env,
    "Environment the targets work against: dev, staging or prod.",
    Default = "$INFISICAL_ENV, else dev"
)]
public sealed class BuildContext : FrostingContext
{
    public const string Env = "env";

    /// <summary>Environment variable that selects the environment when <c>--env</c> is absent.</summary>
    public const string EnvVariable = "INFISICAL_ENV";

    private StackSession? _stack;

    public BuildContext(ICakeContext context)
        : base(context)
    {
        DeployEnvironment =
            Args.Get(BuildContext.Env) is { } argument
                ? DeployEnvironments.Parse(argument, "--" + Env)
            : HostVariable(EnvVariable) is { Length: > 0 } variable
                ? DeployEnvironments.Parse(variable, EnvVariable)
            : DeployEnvironment.Dev;
        // The host's working directory is the repository root (Program.cs finds it; tests pass their own).
        Paths = new BuildPaths(Environment.WorkingDirectory);
        IsCI = string.Equals(
            Environment.GetEnvironmentVariable("CI"),
            "true",
            StringComparison.OrdinalIgnoreCase
        );
        AddOutputFilter(Masker.Apply);
    }

    /// <summary>The environment the targets work against: <c>--env</c>, else <c>INFISICAL_ENV</c>, else dev.</summary>
    public DeployEnvironment DeployEnvironment { get; }

    public BuildPaths Paths { get; }

    /// <summary>True on a CI machine (<c>CI=true</c>, as GitHub Actions and this project's CI set it).</summary>
    public bool IsCI { get; }

    /// <summary>The secret values of this run: everything the build writes to the console is masked with them.</summary>
    public SecretMasker Masker { get; } = new();

    /// <summary>A path argument (<c>--junit=PATH</c>, <c>--loki=PATH</c>...): full, relative to the repository root unless absolute; null when absent or empty.</summary>
    public string? PathArgument(string name) =>
        Args.Get(name) is { Length: > 0 } value
            ? System.IO.Path.GetFullPath(value, Paths.Root.FullPath)
            : null;

    /// <summary>What the lifecycle targets share in this run (Restart's Down and Up use the same one).</summary>
    public StackSession Stack => _stack ??= new StackSession(this);
}
