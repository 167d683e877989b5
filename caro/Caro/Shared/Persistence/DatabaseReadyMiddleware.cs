using Caro.Shared.Api;

namespace Caro.Shared.Persistence;

/// <summary>Answers API requests 503 (envelope) until the schema exists, instead of failing them with 500.</summary>
public sealed class DatabaseReadyMiddleware(RequestDelegate next, DatabaseState state)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (state.IsReady || !context.Request.Path.StartsWithSegments("/api"))
        {
            return next(context);
        }
        context.Response.Headers.RetryAfter = "2";
        throw new ApiException(
            503,
            "SERVICE_UNAVAILABLE",
            "The database is not ready yet; retry shortly"
        );
    }
}
