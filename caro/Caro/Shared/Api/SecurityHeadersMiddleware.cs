namespace Caro.Shared.Api;

/// <summary>The security headers the original sent by default (Spring Security's defaults).</summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers.XXSSProtection = "0";
            headers.CacheControl = "no-cache, no-store, max-age=0, must-revalidate";
            headers.Pragma = "no-cache";
            headers.Expires = "0";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
