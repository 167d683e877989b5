using System.Diagnostics;
using System.Text.RegularExpressions;
using Build.Secrets;
using Build.Validation.Model;

namespace Build.Verify;

/// <summary>Each tenant's Alertmanager (Mimir's) runs the configuration Up uploaded, not Mimir's fallback.</summary>
public sealed class AlertmanagerCheck(VerifyHttp http, Uri? mimir, StackModel stack)
{
    public const string Check = "alertmanager";

    /// <summary>
    /// The tenant's Alertmanager configuration equals its file with the Slack placeholder replaced (as Up uploads
    /// it); the webhook itself is never printed. No configuration means Mimir's fallback: a failure when Up uploaded
    /// one (<paramref name="uploaded"/>), a warning when nobody knows.
    /// </summary>
    public async Task<CheckResult> RunAsync(
        string tenant,
        bool? uploaded,
        CancellationToken cancellation
    )
    {
        if (StackFacts.AlertmanagerConfig(stack, tenant) is not { } file)
        {
            return CheckResult.Skip(Check, tenant, "no configuration file for this tenant");
        }
        if (mimir is not { } url)
        {
            return CheckResult.Fail(
                Check,
                tenant,
                Hops.NotConfigured("Mimir", VerifyArguments.MimirUrl)
            );
        }
        var clock = Stopwatch.StartNew();
        // 404: no configuration, so Mimir's fallback runs. Any other error is the check's failure line.
        var answer = await http.ReadAsync(
            BackendQueries.AlertmanagerConfig(url),
            tenant,
            "Mimir",
            cancellation,
            accepted: 404
        );
        var variable = AlertmanagerUpload.VariableFor(tenant);
        if (answer.Status == 404)
        {
            var detail =
                $"Mimir Alertmanager: tenant {tenant} runs the fallback configuration (nobody notified): set {variable} and run Up again.";
            return new(
                Check,
                tenant,
                uploaded == true ? Outcome.Fail : Outcome.Warn,
                clock.Elapsed,
                detail
            );
        }
        var line = FirstDifference(
            file.Text,
            RunningConfiguration(answer.Body),
            AlertmanagerUpload.PlaceholderFor(variable)
        );
        return line is null
            ? CheckResult.Pass(Check, tenant, clock.Elapsed, $"runs {file.Path} with its webhook")
            : CheckResult.Fail(
                Check,
                tenant,
                $"Mimir Alertmanager: tenant {tenant} runs a configuration that differs from {file.Path} (from line {line}): run Up again to upload it."
            );
    }

    /// <summary>The <c>alertmanager_config</c> text of Mimir's answer (YAML).</summary>
    public static string RunningConfiguration(string body) =>
        BoundedYamlParser.ReadRoot(body).Get("alertmanager_config").Str() ?? "";

    /// <summary>
    /// Null when <paramref name="running"/> is <paramref name="file"/> with the placeholder replaced by a quoted
    /// string (what Up uploads), else the first line of the file that differs (pure; never returns the secret).
    /// </summary>
    public static int? FirstDifference(string file, string running, string placeholder)
    {
        var expected = file.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        var actual = running.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        for (var i = 0; i < expected.Length; i++)
        {
            if (i >= actual.Length)
            {
                return i + 1;
            }
            var pattern =
                "^"
                + string.Join(
                    "\"(?:[^\"\\\\]|\\\\.)*\"",
                    expected[i].TrimEnd().Split(placeholder).Select(Regex.Escape)
                )
                + "$";
            if (!Regex.IsMatch(actual[i].TrimEnd(), pattern))
            {
                return i + 1;
            }
        }
        return actual.Length > expected.Length ? expected.Length + 1 : null;
    }
}
