using Build.Docker;
using Build.Lifecycle;
using Build.Stack;

namespace Build.Verify;

/// <summary>Grafana's admin login as the running stack holds it (null when it cannot be found).</summary>
public static class GrafanaLogin
{
    /// <summary>
    /// Grafana's admin login: the build's environment (<c>GRAFANA_ADMIN_USER</c>/<c>_PASSWORD</c>) when set, else
    /// what the running Grafana container was started with (<c>docker inspect</c>, never logged); masked from then on.
    /// </summary>
    public static async Task<(string User, string Password)?> FindAsync(
        StackSession session,
        StackCatalog catalog,
        IReadOnlyList<ContainerState>? containers
    )
    {
        var user = session.Variable(VerifyArguments.GrafanaUserVariable);
        var password = session.Variable(VerifyArguments.GrafanaPasswordVariable);
        var container = catalog.WithRole(StackRole.Grafana) is { } grafana
            ? containers?.FirstOrDefault(c => c.Service == grafana.Name && c.IsRunning)
            : null;
        if (password is null && container is not null)
        {
            var environments = await session.Docker.EnvironmentsAsync(
                [container.Id],
                session.Cancellation
            );
            if (environments.TryGetValue(container.Id, out var env))
            {
                user ??= env.GetValueOrDefault("GF_SECURITY_ADMIN_USER");
                password = env.GetValueOrDefault("GF_SECURITY_ADMIN_PASSWORD");
            }
        }
        if (password is not { Length: > 0 })
        {
            return null;
        }
        session.Masker.Add(password);
        return (user ?? "admin", password);
    }
}
