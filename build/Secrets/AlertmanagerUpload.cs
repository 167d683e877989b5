using System.Text;
using System.Text.Json;
using Build.Host;

namespace Build.Secrets;

/// <summary>What happened to one tenant's Alertmanager configuration.</summary>
public sealed record AlertmanagerTenant(string Tenant, string Variable, bool Uploaded);

/// <summary>
/// Loads each tenant's Alertmanager configuration into Mimir with its Slack webhook (docs/contracts.md, "Slack
/// upload"): <c>stack/config/mimir/alertmanager/&lt;tenant&gt;.yaml</c> holds the placeholder
/// <c>https://slack-webhook.invalid/SLACK_WEBHOOK_URL_&lt;TENANT&gt;</c>; the secret replaces it in memory only and
/// goes to <c>POST /api/v1/alerts</c> with <c>X-Scope-OrgID: &lt;tenant&gt;</c>. A tenant whose variable is unset is
/// skipped (Mimir's fallback configuration stays: alerts visible, nobody notified).
/// </summary>
public sealed class AlertmanagerUpload(HttpClient client, SecretMasker masker)
{
    public const string PlaceholderPrefix = "https://slack-webhook.invalid/";

    public static string VariableFor(string tenant) =>
        "SLACK_WEBHOOK_URL_" + tenant.ToUpperInvariant().Replace('-', '_');

    public static string PlaceholderFor(string variable) => PlaceholderPrefix + variable;

    /// <summary>The request body Mimir expects: the configuration as a YAML block, no templates.</summary>
    public static string Body(string configuration) =>
        "alertmanager_config: |\n"
        + string.Concat(
            configuration
                .ReplaceLineEndings("\n")
                .Split('\n')
                .Select(l => (l.Length == 0 ? "" : "  " + l) + "\n")
        )
        + "template_files: {}\n";

    public async Task<IReadOnlyList<AlertmanagerTenant>> UploadAsync(
        string configDirectory,
        Uri mimir,
        Func<string, string?> value,
        CancellationToken cancellation
    )
    {
        var results = new List<AlertmanagerTenant>();
        foreach (
            var file in Directory.GetFiles(configDirectory, "*.yaml").Order(StringComparer.Ordinal)
        )
        {
            var tenant = Path.GetFileNameWithoutExtension(file);
            var variable = VariableFor(tenant);
            var placeholder = PlaceholderFor(variable);
            var text = await File.ReadAllTextAsync(file, cancellation);
            if (!text.Contains(placeholder, StringComparison.Ordinal))
            {
                throw new BuildException(
                    $"{file} has no Slack placeholder {placeholder}: put it where the webhook URL goes."
                );
            }
            if (value(variable) is not { Length: > 0 } webhook)
            {
                results.Add(new AlertmanagerTenant(tenant, variable, false));
                continue;
            }
            masker.Add(webhook);
            // A JSON string is a valid YAML double-quoted scalar, whatever the URL contains.
            var configuration = text.Replace(
                placeholder,
                JsonSerializer.Serialize(webhook),
                StringComparison.Ordinal
            );
            await PostAsync(
                new Uri(mimir, "/api/v1/alerts"),
                tenant,
                Body(configuration),
                cancellation
            );
            results.Add(new AlertmanagerTenant(tenant, variable, true));
        }
        return results;
    }

    private async Task PostAsync(
        Uri url,
        string tenant,
        string body,
        CancellationToken cancellation
    )
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/yaml"),
            };
            request.Headers.Add("X-Scope-OrgID", tenant);
            try
            {
                using var response = await client.SendAsync(request, cancellation);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
                var answer = (await response.Content.ReadAsStringAsync(cancellation)).Split('\n')[
                    0
                ];
                if ((int)response.StatusCode < 500 || attempt == 3)
                {
                    throw new BuildException(
                        masker.Apply(
                            $"Mimir refused the Alertmanager configuration of {tenant} (HTTP {(int)response.StatusCode}): {answer}"
                        )
                    );
                }
            }
            catch (HttpRequestException e) when (attempt < 3)
            {
                _ = e; // Mimir's Alertmanager may still be starting: retry.
            }
            catch (HttpRequestException e)
            {
                throw new BuildException(
                    $"Cannot reach Mimir at {url} to load the Alertmanager configuration of {tenant}: {e.Message}"
                );
            }
            await Task.Delay(TimeSpan.FromSeconds(attempt), cancellation);
        }
    }
}
