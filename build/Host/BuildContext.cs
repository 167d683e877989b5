using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Build.Host;

/// <summary>
/// The context every task receives: a real Cake context (so Cake.Common's aliases work) plus the parsed
/// command line, the repository paths and the task catalog. Like Cake.Frosting's FrostingContext, it adapts
/// a <see cref="CakeContext"/> (which is sealed).
/// </summary>
public sealed class BuildContext : CakeContextAdapter
{
    internal BuildContext(
        CakeServices services,
        CommandLine commandLine,
        BuildPaths paths,
        TaskCatalog tasks,
        ArgumentScope arguments,
        CancellationToken cancellation
    )
        : base(
            new CakeContext(
                services.FileSystem,
                services.Environment,
                services.Globber,
                services.Log,
                services.Arguments,
                services.ProcessRunner,
                services.Registry,
                services.Tools,
                services.Data,
                services.Configuration,
                services.ToolInstaller,
                services
            )
        )
    {
        Console = services.Console;
        _console = services.Console;
        CommandLine = commandLine;
        Paths = paths;
        Tasks = tasks;
        CancellationToken = cancellation;
        Args = new BuildArguments(commandLine.Arguments, arguments);
    }

    /// <summary>The console the build writes to (tests pass a fake one).</summary>
    public IConsole Console { get; }

    private readonly FilteringConsole _console;

    public CommandLine CommandLine { get; }
    public BuildPaths Paths { get; }
    public BuildArguments Args { get; }
    public TaskCatalog Tasks { get; }

    /// <summary>
    /// Every text the build writes to the console passes through <paramref name="filter"/> from now on
    /// (for example to mask secret values).
    /// </summary>
    public void AddOutputFilter(Func<string, string> filter) => _console.AddFilter(filter);

    /// <summary>Cancelled on Ctrl+C; pass it to anything that waits.</summary>
    public CancellationToken CancellationToken { get; }

    public DeployEnvironment DeployEnvironment => CommandLine.Environment;
    public bool DryRun => CommandLine.DryRun;
    public Verbosity Verbosity => Log.Verbosity;

    /// <summary>True on a CI machine (<c>CI=true</c>, as GitHub Actions and this project's CI set it).</summary>
    public bool IsCI =>
        string.Equals(
            Environment.GetEnvironmentVariable("CI"),
            "true",
            StringComparison.OrdinalIgnoreCase
        );
}

/// <summary>The Cake.Core services a context needs; what Cake.Frosting's host wires up through DI.</summary>
internal sealed class CakeServices : IServiceProvider
{
    public CakeServices(
        FilteringConsole console,
        Verbosity verbosity,
        DirectoryPath workingDirectory
    )
    {
        Console = console;
        FileSystem = new FileSystem();
        Environment = new CakeEnvironment(new CakePlatform(), new CakeRuntime())
        {
            WorkingDirectory = workingDirectory,
        };
        Globber = new Globber(FileSystem, Environment);
        Log = new CakeBuildLog(console, verbosity);
        // Left empty on purpose: tasks read arguments through BuildContext.Args, whose reads are checked
        // against the task's declarations; Cake's Argument<T> alias would bypass that (build/Host/README.md).
        Arguments = new CakeArguments(
            Array.Empty<string>().ToLookup(n => n, n => n, StringComparer.OrdinalIgnoreCase)
        );
        Configuration = new EmptyConfiguration();
        Tools = new ToolLocator(
            Environment,
            new ToolRepository(Environment),
            new ToolResolutionStrategy(FileSystem, Environment, Globber, Configuration, Log)
        );
        ProcessRunner = new ProcessRunner(FileSystem, Environment, Log, Tools, Configuration);
        Registry = new WindowsRegistry();
        Data = new CakeDataService();
        ToolInstaller = new NoToolInstaller();
    }

    public FilteringConsole Console { get; }
    public IFileSystem FileSystem { get; }
    public ICakeEnvironment Environment { get; }
    public IGlobber Globber { get; }
    public ICakeLog Log { get; }
    public ICakeArguments Arguments { get; }
    public ICakeConfiguration Configuration { get; }
    public IToolLocator Tools { get; }
    public IProcessRunner ProcessRunner { get; }
    public IRegistry Registry { get; }
    public ICakeDataService Data { get; }
    public IToolInstaller ToolInstaller { get; }

    public object? GetService(Type serviceType) => serviceType.IsInstanceOfType(this) ? this : null;

    private sealed class EmptyConfiguration : ICakeConfiguration
    {
        public string? GetValue(string key) => null;
    }

    /// <summary>Tools come from the tool manifest or the machine, never from #tool directives.</summary>
    private sealed class NoToolInstaller : IToolInstaller
    {
        public void Install(Cake.Core.Packaging.PackageReference tool) =>
            throw new BuildException(
                $"Cannot install tool '{tool.Package}' at run time: add it to .config/dotnet-tools.json or install it on the machine."
            );

        IEnumerable<FilePath> IToolInstaller.Install(Cake.Core.Packaging.PackageReference tool)
        {
            Install(tool);
            return [];
        }
    }
}
