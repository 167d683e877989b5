using System.Globalization;

namespace CaroLoad;

/// <summary>Command line: --caro=PATH --seconds=N --slices=N --warmup=N --connections=N --rounds=N --cards=N --perf.</summary>
public sealed record Options(
    string Caro,
    int Seconds,
    int Slices,
    int Warmup,
    int Connections,
    int Rounds,
    int Cards,
    bool Perf,
    IReadOnlyList<(string Name, Dictionary<string, string> Environment)> Variants
)
{
    public static Options Parse(string[] args, string defaultCaro)
    {
        var variants = args.Where(a => a.StartsWith("--variant=", StringComparison.Ordinal))
            .Select(a => ParseVariant(a["--variant=".Length..]))
            .ToList();
        var values = args.Where(a =>
                a.StartsWith("--", StringComparison.Ordinal)
                && !a.StartsWith("--variant=", StringComparison.Ordinal)
            )
            .Select(a => a[2..].Split('=', 2))
            .ToDictionary(
                p => p[0],
                p => p.Length > 1 ? p[1] : "true",
                StringComparer.OrdinalIgnoreCase
            );
        string[] known =
        [
            "caro",
            "seconds",
            "slices",
            "warmup",
            "connections",
            "rounds",
            "cards",
            "perf",
            "variant",
        ];
        if (
            values.Keys.FirstOrDefault(k => !known.Contains(k, StringComparer.OrdinalIgnoreCase)) is
            { } unknown
        )
        {
            throw new ArgumentException(
                $"unknown option --{unknown}; valid: {string.Join(", ", known.Select(k => "--" + k))}"
            );
        }
        int Int(string name, int fallback, int min, int max)
        {
            if (!values.TryGetValue(name, out var raw))
            {
                return fallback;
            }
            return
                int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                && value >= min
                && value <= max
                ? value
                : throw new ArgumentException(
                    $"--{name} must be an integer from {min} to {max} (got '{raw}')"
                );
        }
        var caro = values.GetValueOrDefault("caro") ?? defaultCaro;
        if (!File.Exists(caro))
        {
            throw new ArgumentException(
                $"Caro not found at {caro}: run `dotnet build caro/Caro -c Release` (or pass --caro=PATH to Caro.dll or a published Caro executable)"
            );
        }
        return new Options(
            caro,
            Int("seconds", 2, 1, 600),
            Int("slices", 20, 3, 500),
            Int("warmup", 10, 0, 120),
            Int("connections", 16, 1, 512),
            Int("rounds", 1, 1, 10),
            Int("cards", 300, 1, 5000),
            values.TryGetValue("perf", out var perf)
                && (
                    perf == "true"
                        ? true
                        : throw new ArgumentException($"--perf takes no value (got '{perf}')")
                ),
            variants
        );
    }

    /// <summary>
    /// <c>NAME:KEY=VALUE,KEY=VALUE</c>: telemetry on with these environment variables added (e.g.
    /// <c>no-traces:OTEL_TRACES_EXPORTER=none</c>); the key <c>CARO</c> runs another Caro build instead.
    /// </summary>
    private static (string Name, Dictionary<string, string> Environment) ParseVariant(string raw)
    {
        var parts = raw.Split(':', 2);
        if (parts.Length != 2 || parts[0].Length == 0 || parts[0] is "off" or "on")
        {
            throw new ArgumentException(
                $"--variant takes NAME:KEY=VALUE[,KEY=VALUE...] with a name other than off/on (got '{raw}')"
            );
        }
        var environment = new Dictionary<string, string>();
        string? last = null;
        foreach (var pair in parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            if (kv.Length == 2 && kv[0].Length > 0)
            {
                environment[last = kv[0]] = kv[1];
            }
            else if (last is not null)
            {
                environment[last] += "," + pair; // a value with commas: A=x,y
            }
            else
            {
                throw new ArgumentException($"--variant {parts[0]}: '{pair}' is not KEY=VALUE");
            }
        }
        return (parts[0], environment);
    }
}
