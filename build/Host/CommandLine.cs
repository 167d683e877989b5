using Cake.Cli;
using Cake.Core;
using Cake.Core.Diagnostics;

namespace Build.Host;

/// <summary>The parsed command line: host switches plus every other <c>--name=value</c> as a build argument.</summary>
public sealed record CommandLine(
    IReadOnlyList<string> Targets,
    Verbosity Verbosity,
    bool DryRun,
    bool Exclusive,
    bool Tree,
    bool Description,
    bool Help,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Arguments
)
{
    public const string DefaultTarget = "Default";

    /// <summary>Parses <paramref name="args"/>; throws <see cref="UsageException"/> with one line on bad input.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith('-') || arg.Trim('-').Length == 0)
            {
                throw new UsageException(
                    $"Unexpected argument '{arg}'. Arguments have the form --name=value; run ./build.sh --help."
                );
            }
            var body = arg.TrimStart('-');
            string name;
            string value;
            var eq = body.IndexOf('=');
            if (eq >= 0)
            {
                name = body[..eq];
                value = body[(eq + 1)..];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith('-'))
            {
                name = body;
                value = args[++i];
            }
            else
            {
                name = body;
                value = "true";
            }
            name = ArgumentNames.Aliases.TryGetValue(name, out var canonical) ? canonical : name;
            if (!values.TryGetValue(name, out var list))
            {
                values[name] = list = [];
            }
            list.Add(value);
        }

        string? Last(string name) => values.TryGetValue(name, out var v) ? v[^1] : null;
        bool Flag(string name) => Last(name) is { } v && ParseBool(name, v);

        // Cake's own names and one-letter forms (quiet/q ... diagnostic/d), as Frosting reads them.
        var verbosityText = Last(ArgumentNames.Verbosity);
        var verbosity = Verbosity.Normal;
        try
        {
            if (verbosityText is not null)
            {
                verbosity = (Verbosity)new VerbosityConverter().ConvertFrom(verbosityText)!;
            }
        }
        catch (CakeException)
        {
            throw new UsageException(
                $"Unknown verbosity '{verbosityText}'. Valid values: quiet, minimal, normal, verbose, diagnostic."
            );
        }

        var targets = values.TryGetValue(ArgumentNames.Target, out var t)
            ? t.Where(x => x.Length > 0).ToArray()
            : [];
        if (targets.Length == 0)
        {
            targets = [DefaultTarget];
        }

        return new CommandLine(
            targets,
            verbosity,
            Flag(ArgumentNames.DryRun),
            Flag(ArgumentNames.Exclusive),
            Flag(ArgumentNames.Tree),
            Flag(ArgumentNames.Description),
            Flag(ArgumentNames.Help),
            values.ToDictionary(
                kv => kv.Key,
                kv => (IReadOnlyList<string>)kv.Value,
                StringComparer.OrdinalIgnoreCase
            )
        );
    }

    internal static bool ParseBool(string name, string value) =>
        value.ToLowerInvariant() switch
        {
            "" or "true" or "1" or "yes" => true,
            "false" or "0" or "no" => false,
            _ => throw new UsageException($"--{name} takes true or false, not '{value}'."),
        };
}
