using System.Globalization;

namespace Build.Host;

/// <summary>
/// Typed access to the build arguments (every <c>--name=value</c> on the command line). In the host, every read
/// is checked against the declarations (<see cref="TaskArgumentAttribute"/>) of the running task and the host's
/// switches: reading an undeclared argument is a programming error and fails the run with an internal error.
/// </summary>
public sealed class BuildArguments(
    IReadOnlyDictionary<string, IReadOnlyList<string>> values,
    ArgumentScope? scope = null
)
{
    /// <summary>The last value given for <paramref name="name"/>, or null.</summary>
    public string? Get(string name)
    {
        Declaration(name);
        return values.TryGetValue(name, out var v) ? v[^1] : null;
    }

    /// <summary>Every value given for <paramref name="name"/> (for repeatable arguments).</summary>
    public IReadOnlyList<string> GetAll(string name)
    {
        Declaration(name);
        return values.TryGetValue(name, out var v) ? v : [];
    }

    public bool Has(string name)
    {
        Declaration(name);
        return values.ContainsKey(name);
    }

    /// <summary><c>--name</c> or <c>--name=true</c> is true; absent or <c>--name=false</c> is false.</summary>
    public bool Flag(string name) => Get(name) is { } v && CommandLine.ParseBool(name, v);

    /// <summary>A whole number with the default, range and unit of its declaration.</summary>
    public int GetInt(string name)
    {
        var declaration =
            Declaration(name)
            ?? throw new InvalidOperationException(
                $"GetInt(\"{name}\") needs a declaration; use the overload with a range outside the host."
            );
        if (
            declaration.Kind != ArgumentKind.Number
            || !int.TryParse(declaration.Default, CultureInfo.InvariantCulture, out var fallback)
        )
        {
            throw new BuildException(
                $"Internal error: --{name} is read as a number but is not declared with Kind = Number and a numeric Default."
            );
        }
        return GetInt(name, fallback, declaration.Min, declaration.Max, declaration.Unit);
    }

    /// <summary>
    /// A whole number between <paramref name="min"/> and <paramref name="max"/> (inclusive); anything else is a
    /// usage error naming the range (and the <paramref name="unit"/>, e.g. "seconds").
    /// </summary>
    public int GetInt(string name, int defaultValue, int min, int max, string? unit = null)
    {
        var text = Get(name);
        if (text is null)
        {
            return defaultValue;
        }
        return ParseInt(text, min, max) is { } value
            ? value
            : throw new UsageException(RangeMessage(name, text, min, max, unit));
    }

    /// <summary>A comma-separated list (<c>--services=a,b</c>), empty when absent.</summary>
    public IReadOnlyList<string> GetList(string name) => SplitList(GetAll(name));

    internal static IReadOnlyList<string> SplitList(IEnumerable<string> values) =>
        values
            .SelectMany(v =>
                v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            )
            .ToArray();

    internal static int? ParseInt(string text, int min, int max) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
        && value >= min
        && value <= max
            ? value
            : null;

    internal static string RangeMessage(string name, string text, int min, int max, string? unit) =>
        $"--{name} takes a whole number{(unit is null ? "" : " of " + unit)} from {min} to {max}, not '{text}'.";

    private TaskArgumentAttribute? Declaration(string name) => scope?.Require(name);
}

/// <summary>
/// Which arguments may be read now: those of every target (<see cref="TaskCatalog.Global"/>) and those declared
/// by the running task (set by the host around each task's code); outside a task, those of any task.
/// </summary>
public sealed class ArgumentScope(TaskCatalog catalog)
{
    public TaskInfo? Current { get; internal set; }

    public TaskArgumentAttribute Require(string name) =>
        Find(catalog.Global, name)
        ?? (
            Current is null
                ? catalog.All.Select(t => t.Argument(name)).FirstOrDefault(a => a is not null)
                : Current.Argument(name)
        )
        ?? throw new BuildException(
            $"Internal error: {(Current is null ? "the build" : "task " + Current.Name)} reads --{name}, which it does not declare; add [TaskArgument(\"{name}\", ...)] to it (see build/Host/README.md)."
        );

    private static TaskArgumentAttribute? Find(
        IEnumerable<TaskArgumentAttribute> arguments,
        string name
    ) => arguments.FirstOrDefault(a => a.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
