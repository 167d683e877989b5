using Caro.Shared.Settings;

namespace Caro.Shared.Hosting;

/// <summary>
/// Keeps the two listeners apart: <c>/health/*</c> only on the management port, everything else only
/// on the API port (404 otherwise). Uses the connection's local port, so a remapped host port
/// (e.g. compose 18080→8080) still works; in-process test servers have none and use the Host header.
/// </summary>
public sealed class PortSplitMiddleware(RequestDelegate next, CaroSettings settings)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (settings.HttpPort == settings.ManagementPort)
        {
            return next(context);
        }
        var port =
            context.Connection.LocalPort != 0
                ? context.Connection.LocalPort
                : context.Request.Host.Port ?? settings.HttpPort;
        var isManagement = port == settings.ManagementPort;
        var isHealthPath = context.Request.Path.StartsWithSegments("/health");
        if (isManagement != isHealthPath)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return next(context);
    }
}
