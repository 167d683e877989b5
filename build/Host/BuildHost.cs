using System.Reflection;
using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.Core.IO;

namespace Build.Host;

/// <summary>
/// A small stand-in for Cake.Frosting's <c>CakeHost</c>, on top of Cake.Core's real <see cref="CakeEngine"/>:
/// discovers task classes, registers them with their attributes, parses the command line and runs the target.
/// Exit codes: 0 success, 1 a task failed, 2 bad command line (unknown target, verbosity, environment...).
/// </summary>
public sealed class BuildHost
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    private IConsole? _console;
    private Assembly _assembly = typeof(BuildHost).Assembly;
    private Type[]? _taskTypes;
    private string? _root;
    private Func<BuildContext, FrostingLifetime<BuildContext>>? _lifetime;
    private Func<BuildContext, FrostingTaskLifetime<BuildContext>>? _taskLifetime;
    private Func<string, string?> _getVariable = Environment.GetEnvironmentVariable;
    private Func<bool> _isTerminal = () => !Console.IsOutputRedirected;

    public BuildHost UseConsole(IConsole console) => With(() => _console = console);

    /// <summary>Tasks come from this assembly (default: the build assembly).</summary>
    public BuildHost UseAssembly(Assembly assembly) => With(() => _assembly = assembly);

    /// <summary>Use exactly these task classes (tests).</summary>
    public BuildHost UseTasks(params Type[] taskTypes) => With(() => _taskTypes = taskTypes);

    public BuildHost UseRootDirectory(string root) => With(() => _root = root);

    public BuildHost UseEnvironmentVariables(Func<string, string?> getVariable) =>
        With(() => _getVariable = getVariable);

    /// <summary>Whether the output is a terminal (default: standard output is not redirected); colour only then.</summary>
    public BuildHost UseTerminal(bool isTerminal) => With(() => _isTerminal = () => isTerminal);

    public BuildHost UseLifetime<T>()
        where T : FrostingLifetime<BuildContext>, new() => With(() => _lifetime = _ => new T());

    public BuildHost UseTaskLifetime<T>()
        where T : FrostingTaskLifetime<BuildContext>, new() =>
        With(() => _taskLifetime = _ => new T());

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
            commandLine = CommandLine.Parse(args, _getVariable);
            catalog = new TaskCatalog(_taskTypes ?? TaskCatalog.Discover(_assembly));
            if (commandLine.Help || commandLine.Description || commandLine.Tree)
            {
                PrintInformation(console, commandLine, catalog);
                return Success;
            }
            // A target given on the command line is checked first; the implied Default after the arguments,
            // so that a misspelt --target is reported as such.
            if (commandLine.Arguments.ContainsKey(ArgumentNames.Target))
            {
                CheckTargets(commandLine, catalog);
            }
            var problems = ArgumentCheck.Problems(commandLine, catalog);
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    console.WriteErrorLine("Error: " + problem);
                }
                return UsageError;
            }
            CheckTargets(commandLine, catalog);
        }
        catch (UsageException e)
        {
            console.WriteErrorLine("Error: " + e.Message);
            return UsageError;
        }

        var root =
            _root
            ?? BuildPaths.FindRoot(AppContext.BaseDirectory)
            ?? BuildPaths.FindRoot(Directory.GetCurrentDirectory());
        if (root is null)
        {
            console.WriteErrorLine(
                "Error: cannot find the repository root (a folder with global.json and build/Build.csproj); run ./build.sh from the repository."
            );
            return UsageError;
        }

        var services = new CakeServices(console, commandLine.Verbosity, new DirectoryPath(root));
        var scope = new ArgumentScope(catalog);
        var context = new BuildContext(
            services,
            commandLine,
            new BuildPaths(new DirectoryPath(root)),
            catalog,
            scope,
            cancellation
        );
        var engine = new CakeEngine(services.Data, services.Log);
        var skipped = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var instances = Register(engine, catalog, context, scope, skipped);
        var strategy = new ExecutionStrategy(
            services.Log,
            new CakeReportPrinter(console, context),
            commandLine.DryRun,
            name => instances.TryGetValue(name, out var task) ? task.SkippedMessage : null
        );
        var late = catalog
            .Plan(commandLine.Targets, commandLine.Exclusive)
            .Where(t => instances[t.Name] is ICheckArguments)
            .SelectMany(t =>
                As(
                    scope,
                    t,
                    () => ((ICheckArguments)instances[t.Name]).ArgumentProblems(context).ToArray()
                )
            )
            .Distinct()
            .ToArray();
        scope.Current = null;
        if (late.Length > 0)
        {
            foreach (var problem in late)
            {
                console.WriteErrorLine("Error: " + problem);
            }
            return UsageError;
        }
        var settings = new ExecutionSettings().SetTargets(commandLine.Targets);
        if (commandLine.Exclusive)
        {
            settings.UseExclusiveTarget();
        }

        try
        {
            await engine.RunTargetAsync(context, strategy, settings);
            PrintReport(console, context, strategy.Report);
            if (commandLine.DryRun)
            {
                console.WriteLine(
                    $"Dry run: {strategy.DryRunCount} task(s) would run; nothing was executed."
                );
            }
            return Success;
        }
        catch (Exception exception)
        {
            PrintReport(console, context, strategy.Report);
            // Cake refuses to run a target whose own criteria is false; say why, in our words.
            var skippedTarget = commandLine.Targets.FirstOrDefault(skipped.Contains);
            if (
                skippedTarget is not null
                && Unwrap(exception) is CakeException { InnerException: null }
            )
            {
                var reason = instances[skippedTarget].SkippedMessage;
                exception = new BuildException(
                    $"Target {skippedTarget} was skipped: {(reason.Length > 0 ? reason : "its condition is false")}."
                );
            }
            PrintError(console, commandLine.Verbosity, exception);
            return Unwrap(exception) is UsageException ? UsageError : Failure;
        }
    }

    private Dictionary<string, IFrostingTask> Register(
        CakeEngine engine,
        TaskCatalog catalog,
        BuildContext context,
        ArgumentScope scope,
        HashSet<string> skipped
    )
    {
        var instances = new Dictionary<string, IFrostingTask>(StringComparer.OrdinalIgnoreCase);
        foreach (var info in catalog.All)
        {
            var task = (IFrostingTask)Activator.CreateInstance(info.Type)!;
            instances[info.Name] = task;
            var builder = engine.RegisterTask(info.Name).Description(info.Description);
            // Declared dependencies first, then those declared from the other side with IsDependeeOf, so a
            // task's own order is kept (Cake's IsDependeeOf would put the dependee first).
            foreach (var dependency in catalog.DependenciesOf(info))
            {
                builder.IsDependentOn(dependency);
            }
            // While a task's code runs, it may read only the arguments it declares (ArgumentScope).
            builder
                .WithCriteria(ctx =>
                    As(scope, info, () => task.ShouldRun(ctx)) || !skipped.Add(info.Name)
                )
                .Does(ctx => As(scope, info, () => task.RunAsync(ctx)))
                .ReportError(exception =>
                    As(scope, info, () => task.OnError(Unwrap(exception), context))
                )
                .Finally(ctx => As(scope, info, () => task.Finally(ctx)));
            if (info.ContinueOnError)
            {
                builder.ContinueOnError();
            }
        }

        if (_lifetime is not null)
        {
            var lifetime = _lifetime(context);
            engine.RegisterSetupAction(info => lifetime.Setup(context, info));
            engine.RegisterTeardownAction(info => lifetime.Teardown(context, info));
        }
        if (_taskLifetime is not null)
        {
            var taskLifetime = _taskLifetime(context);
            engine.RegisterTaskSetupAction(info => taskLifetime.Setup(context, info));
            engine.RegisterTaskTeardownAction(info => taskLifetime.Teardown(context, info));
        }
        return instances;
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

    private static void CheckTargets(CommandLine commandLine, TaskCatalog catalog)
    {
        foreach (var target in commandLine.Targets)
        {
            if (catalog.Find(target) is null)
            {
                throw new UsageException(
                    $"Unknown target '{target}'. Valid targets: {string.Join(", ", catalog.All.Select(t => t.Name))}."
                );
            }
        }
    }

    private static void PrintInformation(
        IConsole console,
        CommandLine commandLine,
        TaskCatalog catalog
    )
    {
        if (commandLine.Help)
        {
            HelpPrinter.Usage(console);
        }
        else if (commandLine.Description)
        {
            HelpPrinter.Targets(console, catalog);
        }
        else
        {
            var explicitTargets = commandLine.Arguments.ContainsKey(ArgumentNames.Target)
                ? commandLine.Targets
                : null;
            if (explicitTargets is not null)
            {
                CheckTargets(commandLine, catalog);
            }
            HelpPrinter.Tree(console, catalog, explicitTargets);
        }
    }

    private static void PrintReport(IConsole console, ICakeContext context, CakeReport report)
    {
        if (!report.IsEmpty && context.Log.Verbosity > Verbosity.Quiet)
        {
            new CakeReportPrinter(console, context).Write(report);
        }
    }

    private static void PrintError(IConsole console, Verbosity verbosity, Exception exception)
    {
        var cause = Unwrap(exception);
        console.WriteErrorLine("Error: " + ErrorText.Describe(cause));
        if (verbosity == Verbosity.Diagnostic)
        {
            console.WriteErrorLine(cause.ToString());
        }
    }

    internal static Exception Unwrap(Exception exception) =>
        exception switch
        {
            AggregateException { InnerExceptions.Count: 1 } a => Unwrap(a.InnerExceptions[0]),
            CakeReportException { InnerException: { } inner } => Unwrap(inner),
            TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
            _ => exception,
        };

    private BuildHost With(Action change)
    {
        change();
        return this;
    }
}
