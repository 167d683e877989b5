using System.Reflection;

namespace Build.Host;

/// <summary>One task found by reflection: its name, description, dependencies and the type that implements it.</summary>
public sealed record TaskInfo(
    string Name,
    string Description,
    Type Type,
    IReadOnlyList<string> Dependencies,
    bool ContinueOnError,
    IReadOnlyList<TaskArgumentAttribute> Arguments
)
{
    /// <summary>The declaration of <paramref name="name"/> among this task's arguments, or null.</summary>
    public TaskArgumentAttribute? Argument(string name) =>
        Arguments.FirstOrDefault(a => a.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Every task of the build, discovered from task classes and their attributes.</summary>
public sealed class TaskCatalog
{
    private readonly Dictionary<string, TaskInfo> _byName;

    /// <param name="taskTypes">The task classes.</param>
    /// <param name="contextType">The app's context, whose <c>[TaskArgument]</c>s every target accepts.</param>
    public TaskCatalog(IEnumerable<Type> taskTypes, Type? contextType = null)
    {
        Global = contextType is null
            ? ArgumentNames.Declared
            : [.. ArgumentNames.Declared, .. ArgumentsOf(contextType)];
        var infos = taskTypes.Select(Describe).ToList();
        _byName = new Dictionary<string, TaskInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var info in infos)
        {
            if (!_byName.TryAdd(info.Name, info))
            {
                throw new InvalidOperationException(
                    $"Two task classes are named '{info.Name}': {_byName[info.Name].Type.FullName} and {info.Type.FullName}."
                );
            }
        }
        All = infos.OrderBy(t => t.Name, StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyList<TaskInfo> All { get; }

    /// <summary>Arguments of every target: the host's switches, then those the app's context declares.</summary>
    public IReadOnlyList<TaskArgumentAttribute> Global { get; }

    public TaskInfo? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The task's dependencies, in the order declared on it (<see cref="IsDependentOnAttribute"/>).</summary>
    public IReadOnlyList<string> DependenciesOf(TaskInfo task) => task.Dependencies;

    /// <summary>Concrete task classes in <paramref name="assembly"/>.</summary>
    public static IEnumerable<Type> Discover(Assembly assembly) =>
        assembly
            .GetTypes()
            .Where(t =>
                t is { IsAbstract: false, IsClass: true }
                && typeof(IFrostingTask).IsAssignableFrom(t)
            );

    /// <summary>
    /// The tasks that run for <paramref name="targets"/>: each target and, unless <paramref name="exclusive"/>,
    /// its dependencies, transitively (the order does not matter here).
    /// </summary>
    public IReadOnlyList<TaskInfo> Plan(IEnumerable<string> targets, bool exclusive)
    {
        var plan = new Dictionary<string, TaskInfo>(StringComparer.OrdinalIgnoreCase);
        void Add(string name)
        {
            if (Find(name) is { } task && plan.TryAdd(task.Name, task) && !exclusive)
            {
                foreach (var dependency in DependenciesOf(task))
                {
                    Add(dependency);
                }
            }
        }
        foreach (var target in targets)
        {
            Add(target);
        }
        return plan.Values.ToArray();
    }

    /// <summary>
    /// The arguments declared on <paramref name="type"/> with <see cref="TaskArgumentAttribute"/>, plus those of
    /// the helpers it names with <see cref="TaskArgumentsFromAttribute"/> (transitively).
    /// </summary>
    public static IReadOnlyList<TaskArgumentAttribute> ArgumentsOf(Type type)
    {
        var seen = new HashSet<Type>();
        var arguments = new List<TaskArgumentAttribute>();
        void Collect(Type t)
        {
            if (!seen.Add(t))
            {
                return;
            }
            arguments.AddRange(t.GetCustomAttributes<TaskArgumentAttribute>());
            foreach (var from in t.GetCustomAttributes<TaskArgumentsFromAttribute>())
            {
                Collect(from.Type);
            }
        }
        Collect(type);
        return arguments
            .GroupBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First())
            .ToArray();
    }

    public static string NameOf(Type type) =>
        type.GetCustomAttribute<TaskNameAttribute>()?.Name ?? type.Name;

    private static TaskInfo Describe(Type type) =>
        new(
            NameOf(type),
            type.GetCustomAttribute<TaskDescriptionAttribute>()?.Description ?? string.Empty,
            type,
            type.GetCustomAttributes<IsDependentOnAttribute>()
                .Select(a => NameOf(a.Task))
                .ToArray(),
            type.GetCustomAttribute<ContinueOnErrorAttribute>() is not null,
            ArgumentsOf(type)
        );
}
