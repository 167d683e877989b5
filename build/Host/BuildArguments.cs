using System.Globalization;

namespace Build.Host;

/// <summary>Typed access to the build arguments (every <c>--name=value</c> on the command line).</summary>
public sealed class BuildArguments(IReadOnlyDictionary<string, IReadOnlyList<string>> values)
{
    /// <summary>The last value given for <paramref name="name"/>, or null.</summary>
    public string? Get(string name) => values.TryGetValue(name, out var v) ? v[^1] : null;

    /// <summary>Every value given for <paramref name="name"/> (for repeatable arguments).</summary>
    public IReadOnlyList<string> GetAll(string name) =>
        values.TryGetValue(name, out var v) ? v : [];

    public bool Has(string name) => values.ContainsKey(name);

    /// <summary><c>--name</c> or <c>--name=true</c> is true; absent or <c>--name=false</c> is false.</summary>
    public bool Flag(string name) => Get(name) is { } v && CommandLine.ParseBool(name, v);

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
        return
            int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            && value >= min
            && value <= max
            ? value
            : throw new UsageException(
                $"--{name} takes a whole number{(unit is null ? "" : " of " + unit)} from {min} to {max}, not '{text}'."
            );
    }

    /// <summary>A comma-separated list (<c>--services=a,b</c>), empty when absent.</summary>
    public IReadOnlyList<string> GetList(string name) =>
        GetAll(name)
            .SelectMany(v =>
                v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            )
            .ToArray();

    public IEnumerable<string> Names => values.Keys;
}
