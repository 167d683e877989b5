using System.Text.RegularExpressions;
using Build.Docker;
using Build.Tools;

namespace Build.Image;

/// <summary>
/// The OCI labels of Caro's image (source, revision, version), read from git and Caro's project file. The revision
/// is the last commit that changed Caro's inputs (not HEAD): a commit elsewhere in the repository neither
/// relabels nor rebuilds the image, so Up does not recreate an unchanged Caro. Uncommitted changes to those
/// inputs add <c>.dirty</c> to the version.
/// </summary>
public sealed partial record ImageLabels(string Source, string Revision, string Version)
{
    /// <summary>The Dockerfile's build arguments that fill the labels.</summary>
    public IEnumerable<KeyValuePair<string, string>> BuildArguments() =>
        [new("SOURCE", Source), new("REVISION", Revision), new("VERSION", Version)];

    public static async Task<ImageLabels> ReadAsync(
        CommandRunner runner,
        string root,
        string caroProject,
        IReadOnlyList<string> sourcePaths,
        Func<string, string?> variable,
        CancellationToken cancellation
    )
    {
        var revision =
            await GitAsync(
                runner,
                root,
                ["log", "-1", "--format=%H", "--", .. sourcePaths],
                cancellation
            ) ?? "unknown";
        var dirty =
            revision != "unknown"
            && await GitAsync(
                runner,
                root,
                ["status", "--porcelain", "--untracked-files=normal", "--", .. sourcePaths],
                cancellation
            )
                is not null;
        var source =
            variable("GITHUB_SERVER_URL") is { Length: > 0 } server
            && variable("GITHUB_REPOSITORY") is { Length: > 0 } repository
                ? $"{server}/{repository}"
                : await GitAsync(runner, root, ["remote", "get-url", "origin"], cancellation)
                    ?? "unknown";
        var version = ProjectVersion(caroProject);
        if (revision != "unknown")
        {
            version += "+" + revision[..Math.Min(12, revision.Length)] + (dirty ? ".dirty" : "");
        }
        return new ImageLabels(WithoutCredentials(source), revision, version);
    }

    /// <summary>The Version (or VersionPrefix) of the project, or 1.0.0 as the SDK would stamp the assembly.</summary>
    public static string ProjectVersion(string project)
    {
        var text = File.Exists(project) ? File.ReadAllText(project) : "";
        var match = VersionPattern().Match(text);
        return match.Success ? match.Groups[2].Value.Trim() : "1.0.0";
    }

    private static async Task<string?> GitAsync(
        CommandRunner runner,
        string root,
        string[] arguments,
        CancellationToken cancellation
    )
    {
        if (ExecutableSearch.OnPath("git") is null)
        {
            return null;
        }
        var result = await runner.RunAsync(
            new CommandSpec("git", ["-C", root, .. arguments]),
            cancellation
        );
        var value = result.StandardOutput.Trim();
        return result.Succeeded && value.Length > 0 ? value : null;
    }

    /// <summary>A remote URL may carry a token (https://user:token@host/...): never put that in an image.</summary>
    private static string WithoutCredentials(string url) =>
        CredentialsPattern().Replace(url, "://");

    [GeneratedRegex(@"<(Version|VersionPrefix)>([^<]+)</\1>")]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"://[^/@\s]+@")]
    private static partial Regex CredentialsPattern();
}
