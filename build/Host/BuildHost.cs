using System.Reflection;
using Cake.Cli;
using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Cake.Core.Scripting;

namespace Build.Host;

/// <summary>
/// A small stand-in for Cake.Frosting's <c>CakeHost</c>, on top of Cake.Core's real <see cref="CakeEngine"/> and
/// Cake.Cli's script hosts (the run, <c>--dryrun</c> and <c>--tree</c>, as Frosting uses them): parses and checks
/// the command line, makes the app's context (<see cref="UseContext{T}"/>), registers the task classes with
/// their attributes and runs the targets.
/// Exit codes: 0 success, 1 a task failed, 2 bad command line (unknown target, argument or value...).
/// </summary>
public sealed class BuildHost
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    private IConsole? _console;
    private Assembly _assembly = typeof(BuildHost).Assembly;
    private Type[]? _taskTypes;
    private Type _contextType = typeof(FrostingContext);
    private string? _workingDirectory;
    private IFrostingLifetime<ISetupContext, ITeardownContext>? _lifetime;
    private IFrostingLifetime<ITaskSetupContext, ITaskTeardownContext>? _taskLifetime;
    private Func<string, string?> _getVariable = Environment.GetEnvironmentVariable;
    private Func<bool> _isTerminal = () => !Console.IsOutputRedirected;

    public BuildHost UseConsole(IConsole console) => With(() => _console = console);

    /// <summary>Tasks come from this assembly (default: the build assembly).</summary>
    public BuildHost UseAssembly(Assembly assembly) => With(() => _assembly = assembly);

    /// <summary>Use exactly these task classes (tests).</summary>
    public BuildHost UseTasks(params Type[] taskTypes) => With(() => _taskTypes = taskTypes);

    /// <summary>
    /// The context the tasks receive: the app's own type, with a constructor taking the host's
    /// <see cref="ICakeContext"/> (as in Frosting). The arguments it declares with <c>[TaskArgument]</c> are
    /// accepted for every target. Default: <see cref="FrostingContext"/>.
    /// </summary>
    public BuildHost UseContext<T>()
        where T : FrostingContext => With(() => _contextType = typeof(T));

    /// <summary>Cake's working directory (default: the process's).</summary>
    public BuildHost UseWorkingDirectory(string path) => With(() => _workingDirectory = path);

    /// <summary>The variables the host and the app context read at start (<c>NO_COLOR</c>...); tests pass their own.</summary>
    public BuildHost UseEnvironmentVariables(Func<string, string?> getVariable) =>
        With(() => _getVariable = getVariable);

    /// <summary>Whether the output is a terminal (default: standard output is not redirected); colour only then.</summary>
    public BuildHost UseTerminal(bool isTerminal) => With(() => _isTerminal = () => isTerminal);

    public BuildHost UseLifetime<T>()
        where T : IFrostingLifetime<ISetupContext, ITeardownContext>, new() =>
        With(() => _lifetime = new T());

    public BuildHost UseTaskLifetime<T>()
        where T : IFrostingLifetime<ITaskSetupContext, ITaskTeardownContext>, new() =>
        With(() => _taskLifetime = new T());

    public int Run(IReadOnlyList<string> args, CancellationToken cancellation = default) =>
        RunAsync(args, cancellation).GetAwaiter().GetResult();

    public async Task<int> RunAsync(
        IReadOnlyList<string> args,
        CancellationToken cancellation = default
    )
    {
        // Colour only on a terminal and without NO_COLOR (any non-empty value).
        var color = _isTerminal() && string.IsNullOrEmpty(_getVariable("NO_COLOR"));
        var console = new FilteringConsole(
            _console ?? new CakeConsole(new CakeEnvironment(new CakePlatform(), new CakeRuntime())),
            color
        );
        CommandLine commandLine;
        TaskCatalog catalog;
        try
        {
            commandLine = CommandLine.Parse(args);
            catalog = new TaskCatalog(_taskTypes ?? TaskCatalog.Discover(_assembly), _contextType);
            if (commandLine.Help)
            {
                HelpPrinter.Usage(console, catalog);
                return Success;
            }
            if (commandLine.Description)
            {
                HelpPrinter.Targets(console, catalog);
                return Success;
            }
            // --tree prints every target whatever the command line says; the rest runs only checked arguments.
            var problems = commandLine.Tree
                ? Array.Empty<string>()
                : ArgumentCheck.Problems(commandLine, catalog);
            foreach (var problem in problems)
            {
                console.WriteErrorLine("Error: " + problem);
            }
            if (problems.Count > 0)
            {
                return UsageError;
            }
        }
        catch (UsageException e)
        {
            console.WriteErrorLine("Error: " + e.Message);
            return UsageError;
        }

        var services = new CakeServices(
            console,
            commandLine.Verbosity,
            new DirectoryPath(_workingDirectory ?? Directory.GetCurrentDirectory())
        );
        var scope = new ArgumentScope(catalog);
        FrostingContext context = new(
            services,
            new BuildArguments(commandLine.Arguments, scope),
            catalog,
            _getVariable,
            cancellation
        );
        var engine = new CakeEngine(services.Data, services.Log);
        if (commandLine.Tree)
        {
            var tree = new TreeScriptHost(engine, context, console);
            Register(tree, catalog, context, scope, _ => false);
            await tree.RunTargetsAsync(commandLine.Targets);
            return Success;
        }

        var skipped = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            if (_contextType != typeof(FrostingContext))
            {
                context = (FrostingContext)Activator.CreateInstance(_contextType, context)!;
            }
            var printer = new CakeReportPrinter(console, context);
            ScriptHost host = commandLine.DryRun
                ? new DryRunScriptHost<FrostingContext>(engine, context, services.Log)
                : new BuildScriptHost<FrostingContext>(
                    engine,
                    new DefaultExecutionStrategy(services.Log, printer),
                    context,
                    printer,
                    services.Configuration,
                    services.Log
                );
            var instances = Register(
                host,
                catalog,
                context,
                scope,
                name => skipped.Add(name) && !commandLine.Targets.Contains(name, skipped.Comparer)
            );
            // Values only a task can check (against the repository): every task to run, before any runs.
            var late = catalog
                .Plan(commandLine.Targets, commandLine.Exclusive)
                .SelectMany(t =>
                    As(scope, t, () => instances[t.Name].ArgumentProblems(context).ToArray())
                )
                .Distinct()
                .ToArray();
            scope.Current = null;
            if (late.Length > 0)
            {
                Array.ForEach(late, p => console.WriteErrorLine("Error: " + p));
                return UsageError;
            }
            if (commandLine.Exclusive)
            {
                host.Settings.UseExclusiveTarget();
            }
            await host.RunTargetsAsync(commandLine.Targets);
            return Success;
        }
        catch (Exception exception)
        {
            // Cake refuses to run a target whose own criteria is false; say why, in our words.
            if (
                commandLine.Targets.FirstOrDefault(skipped.Contains) is { } target
                && ErrorText.Unwrap(exception) is CakeException { InnerException: null }
            )
            {
                var reason = catalog.Find(target) is { } t ? Skipped(t) : "";
                exception = new BuildException($"Target {target} was skipped: {reason}.");
            }
            ErrorText.Print(console, commandLine.Verbosity, exception);
            return ErrorText.Unwrap(exception) is UsageException ? UsageError : Failure;
        }
    }

    private readonly Dictionary<string, IFrostingTask> _instances = new(
        StringComparer.OrdinalIgnoreCase
    );

    /// <summary>Why <paramref name="task"/> was skipped: its SkippedMessage, else a generic reason.</summary>
    private string Skipped(TaskInfo task) =>
        _instances.TryGetValue(task.Name, out var i) && i.SkippedMessage.Length > 0
            ? i.SkippedMessage
            : "its condition is false";

    /// <summary>
    /// Registers every task with <paramref name="host"/> (as Frosting's engine does): dependencies, ShouldRun as
    /// the criteria (a skipped dependency is logged with its reason when <paramref name="logSkip"/> says so),
    /// OnError, Finally, ContinueOnError; then the lifetimes. While a task's code runs, it may read only the
    /// arguments it declares (<see cref="ArgumentScope"/>).
    /// </summary>
    private Dictionary<string, IFrostingTask> Register(
        ScriptHost host,
        TaskCatalog catalog,
        FrostingContext context,
        ArgumentScope scope,
        Func<string, bool> logSkip
    )
    {
        _instances.Clear();
        foreach (var info in catalog.All)
        {
            var task = (IFrostingTask)Activator.CreateInstance(info.Type)!;
            _instances[info.Name] = task;
            var builder = host.Task(info.Name).Description(info.Description);
            foreach (var dependency in info.Dependencies)
            {
                builder.IsDependentOn(dependency);
            }
            builder
                .WithCriteria(ctx =>
                    As(scope, info, () => task.ShouldRun(ctx)) || SkipLogged(context, info, logSkip)
                )
                .Does(ctx => As(scope, info, () => task.RunAsync(ctx)))
                .ReportError(exception =>
                    As(scope, info, () => task.OnError(ErrorText.Unwrap(exception), context))
                )
                .Finally(ctx => As(scope, info, () => task.Finally(ctx)));
            if (info.ContinueOnError)
            {
                builder.ContinueOnError();
            }
        }
        if (_lifetime is { } lifetime)
        {
            host.Setup(info => lifetime.Setup(context, info));
            host.Teardown(info => lifetime.Teardown(context, info));
        }
        if (_taskLifetime is { } taskLifetime)
        {
            host.TaskSetup(info => taskLifetime.Setup(context, info));
            host.TaskTeardown(info => taskLifetime.Teardown(context, info));
        }
        return _instances;
    }

    /// <summary>Logs why a dependency is skipped (the run goes on); always false, the criteria's answer.</summary>
    private bool SkipLogged(ICakeContext context, TaskInfo task, Func<string, bool> logSkip)
    {
        if (logSkip(task.Name))
        {
            context.Log.Information("Skipping task {0}: {1}", task.Name, Skipped(task));
        }
        return false;
    }

    private static T As<T>(ArgumentScope scope, TaskInfo task, Func<T> action)
    {
        scope.Current = task;
        return action();
    }

    private static void As(ArgumentScope scope, TaskInfo task, Action action)
    {
        scope.Current = task;
        action();
    }

    private BuildHost With(Action change)
    {
        change();
        return this;
    }
}
