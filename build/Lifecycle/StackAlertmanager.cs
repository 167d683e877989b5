using Build.Docker;
using Build.Secrets;
using Build.Stack;
using Build.Validation.Model;

namespace Build.Lifecycle;

/// <summary>Up's last step when Mimir runs: each tenant's Alertmanager configuration, with its Slack webhook.</summary>
public static class StackAlertmanager
{
    public static async Task LoadAsync(
        StackSession session,
        IReadOnlyList<ComposeService> services,
        ResolvedEnvironment resolved
    )
    {
        var mimir = services
            .Select(StackService.From)
            .FirstOrDefault(s => s.Role == StackRole.Metrics);
        var directory = Path.Combine(session.StackDirectory, StackLayout.AlertmanagerFolder);
        if (mimir is null || !Directory.Exists(directory))
        {
            return;
        }
        var containers = await session.Docker.ProjectContainersAsync(
            session.Project,
            session.Cancellation
        );
        if (mimir.HostUrl(mimir.Api, containers) is not { } url)
        {
            session.Warning(
                "Alertmanager: Mimir publishes no API port, so no tenant configuration was loaded."
            );
            return;
        }
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var upload = new AlertmanagerUpload(client, session.Masker);
        var tenants = await upload.UploadAsync(directory, url, resolved.Get, session.Cancellation);
        foreach (var tenant in tenants)
        {
            if (tenant.Uploaded)
            {
                session.Info(
                    $"Alertmanager: tenant {tenant.Tenant} loaded with its Slack webhook ({tenant.Variable})."
                );
            }
            else
            {
                session.Warning(
                    $"Alertmanager: {tenant.Variable} is not set, so tenant {tenant.Tenant} keeps the fallback configuration (alerts visible, nobody notified)."
                );
            }
        }
    }
}
