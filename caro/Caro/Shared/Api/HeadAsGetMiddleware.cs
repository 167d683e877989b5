namespace Caro.Shared.Api;

/// <summary>
/// <c>HEAD</c> on any route answers exactly as <c>GET</c> (status and headers) without a body (RFC 9110
/// §9.3.2): the request is routed as GET, whatever is written is discarded, and the method is restored
/// afterwards so logs and metrics still say HEAD. Must run before routing.
/// </summary>
public sealed class HeadAsGetMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }
        var body = context.Response.Body;
        context.Request.Method = HttpMethods.Get;
        context.Response.Body = Stream.Null;
        try
        {
            await next(context);
        }
        finally
        {
            context.Request.Method = HttpMethods.Head;
            context.Response.Body = body;
        }
    }
}
