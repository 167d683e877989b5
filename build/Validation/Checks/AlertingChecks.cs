using System.Text.RegularExpressions;
using Build.Validation.Model;
using Build.Validation.Reference;

namespace Build.Validation.Checks;

/// <summary>
/// Layer 2 for rule files and Alertmanager configs: the formats Mimir's local stores read, the severity label
/// every alert carries (docs/contracts.md), and no Slack webhook committed.
/// </summary>
public static partial class AlertingChecks
{
    private static readonly HashSet<string> Severities = ["critical", "warning"];

    public static void Run(StackModel model, ValidationReport report)
    {
        foreach (var rule in model.RuleFiles)
        {
            CheckRuleFile(rule.File, report);
        }
        foreach (var am in model.AlertmanagerConfigs)
        {
            CheckAlertmanagerFormat(am.File, report);
        }
        foreach (
            var file in model.Files.Values.Where(f =>
                f.Path.StartsWith(model.InStack("config/"), StringComparison.Ordinal)
            )
        )
        {
            var match = SlackWebhook().Match(file.Text);
            if (match.Success)
            {
                report.Error(
                    file.Path,
                    file.PositionOf(match.Index),
                    "a Slack webhook URL is committed: webhooks are secrets (SLACK_WEBHOOK_URL_<TENANT> from Infisical); put a placeholder here"
                );
            }
        }
    }

    private static void CheckRuleFile(StackFile file, ValidationReport report)
    {
        foreach (var (key, _) in file.Yaml.Entries())
        {
            if (key.Value == "namespace")
            {
                report.Error(
                    file.Path,
                    key.Pos(),
                    "'namespace:' is mimirtool's format: Mimir's local ruler store parses plain Prometheus rule files and rejects it (the file name is the namespace)"
                );
            }
            else if (key.Value != "groups")
            {
                report.Error(
                    file.Path,
                    key.Pos(),
                    $"unknown top-level key '{key.Value}' in a rule file (only 'groups:'){EditDistance.Hint(key.Value ?? "", ["groups"])}"
                );
            }
        }
        foreach (
            var rule in file.Yaml.Get("groups").Items().SelectMany(g => g.Get("rules").Items())
        )
        {
            if (rule.Get("alert").Str() is not { } alert)
            {
                continue;
            }
            var severity = rule.At("labels", "severity");
            if (severity.Str() is not { } value || !Severities.Contains(value))
            {
                report.Error(
                    file.Path,
                    severity?.Pos() ?? rule.Pos(),
                    $"alert {alert}: label severity must be critical or warning (Alertmanager routes on it), not '{severity.Str() ?? "(missing)"}'"
                );
            }
        }
    }

    private static void CheckAlertmanagerFormat(StackFile file, ValidationReport report)
    {
        foreach (var wrapper in new[] { "alertmanager_config", "template_files" })
        {
            if (file.Yaml.KeyNode(wrapper) is { } key)
            {
                report.Error(
                    file.Path,
                    key.Pos(),
                    $"'{wrapper}:' is the Alertmanager API wrapper: Mimir's store expects a plain Alertmanager config (route, receivers, ...)"
                );
            }
        }
        if (file.Yaml.Get("route") is null && file.Yaml.KeyNode("alertmanager_config") is null)
        {
            report.Error(file.Path, Position.Start, "Alertmanager config has no 'route:'");
        }
    }

    [GeneratedRegex(@"https://hooks\.slack\.com/services/[A-Za-z0-9_/]+")]
    private static partial Regex SlackWebhook();
}
