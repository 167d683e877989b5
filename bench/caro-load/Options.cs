using System.Globalization;

namespace CaroLoad;

/// <summary>Command line: --caro=PATH --seconds=N --warmup=N --connections=N --rounds=N --cards=N.</summary>
public sealed record Options(
    string Caro,
    int Seconds,
    int Warmup,
    int Connections,
    int Rounds,
    int Cards
)
{
    public static Options Parse(string[] args, string defaultCaro)
    {
        var values = args.Where(a => a.StartsWith("--", StringComparison.Ordinal))
            .Select(a => a[2..].Split('=', 2))
            .ToDictionary(
                p => p[0],
                p => p.Length > 1 ? p[1] : "true",
                StringComparer.OrdinalIgnoreCase
            );
        string[] known = ["caro", "seconds", "warmup", "connections", "rounds", "cards"];
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
            Int("seconds", 8, 1, 600),
            Int("warmup", 10, 0, 120),
            Int("connections", 16, 1, 512),
            Int("rounds", 2, 1, 10),
            Int("cards", 300, 1, 5000)
        );
    }
}
