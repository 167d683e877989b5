using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Build.Host;

/// <summary>
/// What the host gives every task: a real Cake context (so Cake.Common's aliases work) plus the checked build
/// arguments, the console, the task catalog and the Ctrl+C token. Like Cake.Frosting's FrostingContext, an app
/// derives its own context from it (<c>BuildHost.UseContext&lt;T&gt;()</c>) with a constructor taking an
/// <see cref="ICakeContext"/>, and keeps its state there as plain properties.
/// </summary>
public class FrostingContext : CakeContextAdapter
{
    private readonly FilteringConsole _console;
    private readonly Func<string, string?> _hostVariable;

    internal FrostingContext(
        CakeServices services,
        BuildArguments arguments,
        TaskCatalog tasks,
        Func<string, string?> hostVariable,
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
        _console = services.Console;
        _hostVariable = hostVariable;
        Args = arguments;
        Tasks = tasks;
        CancellationToken = cancellation;
    }

    /// <summary>An app's context: <paramref name="context"/> is the one the host made (as in Frosting).</summary>
    public FrostingContext(ICakeContext context)
        : base(context)
    {
        var host =
            context as FrostingContext
            ?? throw new ArgumentException(
                "An app context wraps the context the host passes to its constructor.",
                nameof(context)
            );
        _console = host._console;
        _hostVariable = host._hostVariable;
        Args = host.Args;
        Tasks = host.Tasks;
        CancellationToken = host.CancellationToken;
    }

    /// <summary>The console the build writes to (tests pass a fake one).</summary>
    public IConsole Console => _console;

    public BuildArguments Args { get; }
    public TaskCatalog Tasks { get; }

    /// <summary>Cancelled on Ctrl+C; pass it to anything that waits.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>
    /// Every text the build writes to the console passes through <paramref name="filter"/> from now on
    /// (for example to mask secret values).
    /// </summary>
    public void AddOutputFilter(Func<string, string> filter) => _console.AddFilter(filter);

    /// <summary>
    /// A variable of the environment the host was started in (<c>BuildHost.UseEnvironmentVariables</c>; tests
    /// pass their own), for what an app context decides once at start (e.g. the deploy environment).
    /// </summary>
    public string? HostVariable(string name) => _hostVariable(name);
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
        // Left empty on purpose: tasks read arguments through FrostingContext.Args, whose reads are checked
        // against the task's declarations; Cake's Argument<T> alias would bypass that (build/Host/README.md).
        Arguments = new CakeArguments(
            Array.Empty<string>().ToLookup(n => n, n => n, StringComparer.OrdinalIgnoreCase)
        );
        Configuration = new HostConfiguration(verbosity);
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

    /// <summary>Cake's settings: none, except that <c>--verbosity=quiet</c> also leaves out the task report.</summary>
    private sealed class HostConfiguration(Verbosity verbosity) : ICakeConfiguration
    {
        public string? GetValue(string key) =>
            key == "Settings_NoReport" && verbosity == Verbosity.Quiet ? "true" : null;
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
