using Cake.Core;

namespace Build.Host;

/// <summary>Prints <c>--help</c>, <c>--description</c> (the target list) and <c>--tree</c>.</summary>
public static class HelpPrinter
{
    public static void Usage(IConsole console)
    {
        console.WriteLine(
            "Usage: ./build.sh [--target=<Target>] [options] [--<argument>=<value> ...]"
        );
        console.WriteLine("");
        console.WriteLine("Options:");
        foreach (var argument in ArgumentNames.Declared)
        {
            var aliases = ArgumentNames
                .Aliases.Where(a => a.Value == argument.Name)
                .Select(a => (a.Key.Length == 1 ? "-" : "--") + a.Key);
            WriteArgument(console, argument, string.Join(", ", aliases));
        }
        console.WriteLine("");
        console.WriteLine(
            "Any other --name=value is an argument of a target; --description lists them per target."
        );
    }

    /// <summary>One argument: how it is written, what it does, its default (and aliases).</summary>
    private static void WriteArgument(
        IConsole console,
        TaskArgumentAttribute argument,
        string aliases = ""
    )
    {
        var text = argument.Description;
        if (argument.Default is { } defaultValue)
        {
            text += $" (default: {defaultValue})";
        }
        if (aliases.Length > 0)
        {
            text += $" Also {aliases}.";
        }
        console.WriteLine($"      {argument.Usage, -34} {text}");
    }

    public static void Targets(IConsole console, TaskCatalog catalog)
    {
        var width = catalog.All.Max(t => t.Name.Length);
        console.WriteLine("Targets (run one with ./build.sh --target=<Target>):");
        console.WriteLine("");
        foreach (var task in catalog.All)
        {
            var dependencies = catalog.DependenciesOf(task);
            var after =
                dependencies.Count > 0
                    ? $" (after: {string.Join(", ", dependencies)})"
                    : string.Empty;
            console.WriteLine($"  {task.Name.PadRight(width)}  {task.Description}{after}");
            console.WriteLine($"  {new string(' ', width)}  e.g. ./build.sh --target={task.Name}");
            foreach (var argument in task.Arguments)
            {
                WriteArgument(console, argument);
            }
        }
    }

    /// <summary>The dependency tree of every target that no other target depends on.</summary>
    public static void Tree(
        IConsole console,
        TaskCatalog catalog,
        IReadOnlyList<string>? roots = null
    )
    {
        var dependedOn = catalog
            .All.SelectMany(catalog.DependenciesOf)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var starts = roots is { Count: > 0 }
            ? roots.Select(catalog.Find).OfType<TaskInfo>()
            : catalog.All.Where(t => !dependedOn.Contains(t.Name));
        foreach (var task in starts)
        {
            console.WriteLine(task.Name);
            WriteChildren(console, catalog, task, "", [task.Name]);
            console.WriteLine("");
        }
    }

    private static void WriteChildren(
        IConsole console,
        TaskCatalog catalog,
        TaskInfo task,
        string indent,
        HashSet<string> path
    )
    {
        var children = catalog.DependenciesOf(task);
        for (var i = 0; i < children.Count; i++)
        {
            var last = i == children.Count - 1;
            var child = catalog.Find(children[i]);
            var cycle = !path.Add(children[i]);
            console.WriteLine(
                $"{indent}{(last ? "└── " : "├── ")}{children[i]}{(child is null ? " (missing!)" : cycle ? " (cycle!)" : "")}"
            );
            if (child is not null && !cycle)
            {
                WriteChildren(console, catalog, child, indent + (last ? "    " : "│   "), path);
                path.Remove(children[i]);
            }
        }
    }
}
