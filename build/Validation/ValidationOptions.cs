namespace Build.Validation;

/// <summary>What to validate and how.</summary>
public sealed record ValidationOptions
{
    /// <summary>Repository root: finding paths are relative to it.</summary>
    public required string Root { get; init; }

    /// <summary>The stack folder (default <c>&lt;root&gt;/stack</c>).</summary>
    public string? StackDirectory { get; init; }

    /// <summary>Layers to run: 1 parse, 2 static, 3 cross-file, 4 real checkers.</summary>
    public IReadOnlySet<int> Layers { get; init; } = new HashSet<int> { 1, 2, 3, 4 };

    /// <summary>Turn skipped checkers into errors.</summary>
    public bool Strict { get; init; }

    /// <summary>Upper bound for each real checker process.</summary>
    public TimeSpan CheckerTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Binaries named on the command line (<c>--loki=PATH</c>..., <c>--amtool=PATH</c>), by argument name (the engines' compose service names).</summary>
    public IReadOnlyDictionary<string, string> EnginePaths { get; init; } =
        new Dictionary<string, string>();

    /// <summary>Never pull a missing engine image (the engine check is then skipped).</summary>
    public bool Offline { get; init; }

    /// <summary>The PATH searched for the checkers and engines (the process's PATH unless a test chooses one).</summary>
    public string? PathVariable { get; init; } = Environment.GetEnvironmentVariable("PATH");

    public string Stack => StackDirectory ?? Path.Combine(Root, "stack");

    /// <summary>Parses <c>1-3</c>, <c>1,2,3</c>, <c>4</c>.</summary>
    public static IReadOnlySet<int> ParseLayers(string text)
    {
        var result = new HashSet<int>();
        foreach (
            var part in text.Split(
                ',',
                StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries
            )
        )
        {
            var range = part.Split('-', StringSplitOptions.TrimEntries);
            if (
                range.Length is < 1 or > 2
                || !int.TryParse(range[0], out var from)
                || !int.TryParse(range[^1], out var to)
                || from < 1
                || to > 4
                || from > to
            )
            {
                throw new FormatException(
                    $"'{text}' is not a layer list: use e.g. 1-3 or 1,2,4 (layers 1 to 4)"
                );
            }
            for (var layer = from; layer <= to; layer++)
            {
                result.Add(layer);
            }
        }
        return result.Count > 0
            ? result
            : throw new FormatException($"'{text}' names no layer: use e.g. 1-3");
    }
}
