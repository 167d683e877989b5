namespace Build.Host;

/// <summary>
/// The host's own switches (<c>--name=value</c>), declared once here: <c>--help</c> prints them and the
/// argument check accepts them for every target.
/// </summary>
[TaskArgument(Target, "Target to run; repeat to run several.", Default = CommandLine.DefaultTarget)]
[TaskArgument(
    Verbosity,
    "How much the build prints.",
    Values = ["quiet", "minimal", "normal", "verbose", "diagnostic"],
    Default = "normal"
)]
[TaskArgument(DryRun, "Print the tasks that would run; run nothing.", Kind = ArgumentKind.Flag)]
[TaskArgument(Exclusive, "Run the target without its dependencies.", Kind = ArgumentKind.Flag)]
[TaskArgument(
    Description,
    "List every target with its description, its arguments and an example.",
    Kind = ArgumentKind.Flag
)]
[TaskArgument(Tree, "Print the dependency graph of every target.", Kind = ArgumentKind.Flag)]
[TaskArgument(Help, "This help.", Kind = ArgumentKind.Flag)]
public static class ArgumentNames
{
    public const string Target = "target";
    public const string Verbosity = "verbosity";
    public const string DryRun = "dryrun";
    public const string Exclusive = "exclusive";
    public const string Tree = "tree";
    public const string Description = "description";
    public const string Help = "help";

    /// <summary>Aliases accepted on the command line, mapped to their canonical name.</summary>
    public static readonly IReadOnlyDictionary<string, string> Aliases = new Dictionary<
        string,
        string
    >(StringComparer.OrdinalIgnoreCase)
    {
        ["t"] = Target,
        ["v"] = Verbosity,
        ["dry-run"] = DryRun,
        ["noop"] = DryRun,
        ["whatif"] = DryRun,
        ["e"] = Exclusive,
        ["h"] = Help,
        ["?"] = Help,
        ["showtree"] = Tree,
        ["showdescription"] = Description,
    };

    /// <summary>The host's switches as declared above.</summary>
    public static IReadOnlyList<TaskArgumentAttribute> Declared { get; } =
        TaskCatalog.ArgumentsOf(typeof(ArgumentNames));
}
