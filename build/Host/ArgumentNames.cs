namespace Build.Host;

/// <summary>Names of the command-line arguments the host itself understands (<c>--name=value</c>).</summary>
public static class ArgumentNames
{
    public const string Target = "target";
    public const string Verbosity = "verbosity";
    public const string DryRun = "dryrun";
    public const string Exclusive = "exclusive";
    public const string Tree = "tree";
    public const string Description = "description";
    public const string Help = "help";
    public const string Env = "env";

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

    /// <summary>Environment variable that selects the environment when <c>--env</c> is absent.</summary>
    public const string EnvVariable = "INFISICAL_ENV";
}
