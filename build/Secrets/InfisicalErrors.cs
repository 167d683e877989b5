using System.Text.RegularExpressions;
using Build.Docker;
using Build.Tools;

namespace Build.Secrets;

/// <summary>
/// Turns what the Infisical CLI printed into one line naming the fix. <c>infisical run</c> exits 1 whatever
/// happened (its own failure or the child's exit code N), so the cause is read from its messages.
/// </summary>
public static partial class InfisicalErrors
{
    public const string ProjectIdRequired =
        "INFISICAL_TOKEN (a machine identity) needs the project id: set INFISICAL_PROJECT_ID (or workspaceId in .infisical.json).";

    public const string NotLoggedIn =
        "You are not logged in to Infisical: run `infisical login` (in CI, set INFISICAL_TOKEN and INFISICAL_PROJECT_ID), or use --secrets=local for a dev stack.";

    public static string NotInitialised(string root) =>
        $"This repository is not connected to an Infisical project: run `infisical init` in {root} (or set INFISICAL_PROJECT_ID).";

    /// <summary>The child's real exit code when Infisical reported it ("exit status N"), else null.</summary>
    public static int? ChildExitCode(string stderr) =>
        ExitStatus().Match(stderr) is { Success: true } m ? int.Parse(m.Groups[1].Value) : null;

    /// <summary>True when Infisical itself failed (the child never ran).</summary>
    public static bool IsInfisicalFailure(string stderr) =>
        stderr.Contains("infisical init", StringComparison.OrdinalIgnoreCase)
        || stderr.Contains("infisical login", StringComparison.OrdinalIgnoreCase)
        || stderr.Contains("Project ID is required", StringComparison.OrdinalIgnoreCase)
        || stderr.Contains("Could not fetch secrets", StringComparison.OrdinalIgnoreCase);

    public static string Explain(ProcessResult result, InfisicalSettings settings)
    {
        var stderr = result.StandardError;
        if (stderr.Contains("Project ID is required", StringComparison.OrdinalIgnoreCase))
        {
            return ProjectIdRequired;
        }
        if (stderr.Contains("infisical init", StringComparison.OrdinalIgnoreCase))
        {
            return NotInitialised(settings.Root);
        }
        if (
            stderr.Contains("infisical login", StringComparison.OrdinalIgnoreCase)
            || stderr.Contains("login flow", StringComparison.OrdinalIgnoreCase)
        )
        {
            return NotLoggedIn;
        }
        return $"Infisical could not fetch the secrets of env '{settings.Environment}', path {InfisicalCli.SecretPath} (exit {result.ExitCode}): {result.LastLines(2)}";
    }

    [GeneratedRegex(@"exit status (\d+)")]
    private static partial Regex ExitStatus();
}
