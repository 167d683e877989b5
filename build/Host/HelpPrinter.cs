using Cake.Core;

namespace Build.Host;

/// <summary>
/// Prints <c>--help</c> and <c>--description</c> (also the Default target): the targets with their arguments.
/// Cake.Cli's DescriptionScriptHost lists names and descriptions only, so this one stays (<c>--tree</c> and
/// <c>--dryrun</c> are Cake.Cli's).
/// </summary>
public static class HelpPrinter
{
    public static void Usage(IConsole console, TaskCatalog catalog)
    {
        console.WriteLine(
            "Usage: ./build.sh [--target=<Target>] [options] [--<argument>=<value> ...]"
        );
        console.WriteLine("");
        console.WriteLine("Options:");
        foreach (var argument in catalog.Global)
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
}
