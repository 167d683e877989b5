using System.Text.RegularExpressions;

namespace CaroLoad;

/// <summary>
/// The runtime's GC settings Caro's image sets (<c>ENV DOTNET_GC…=…</c> lines of caro/Dockerfile): every Caro the
/// benchmark starts gets them, so it measures the garbage collector the image runs with. They can only be set in
/// the environment (the runtimeconfig has no name for them), so the Dockerfile is where they are written once.
/// A variant can override one, e.g. <c>--variant=defaultgc:DOTNET_GCgen0size=0</c> (0: the runtime's default).
/// </summary>
public static partial class ImageEnvironment
{
    public static IReadOnlyDictionary<string, string> Read(string dockerfile) =>
        File.Exists(dockerfile)
            ? File.ReadLines(dockerfile)
                .Select(line => GcLine().Match(line))
                .Where(match => match.Success)
                .ToDictionary(match => match.Groups[1].Value, match => match.Groups[2].Value)
            : new Dictionary<string, string>();

    [GeneratedRegex(@"^\s*ENV\s+(DOTNET_GC\w*)=(\S+)\s*$")]
    private static partial Regex GcLine();
}
