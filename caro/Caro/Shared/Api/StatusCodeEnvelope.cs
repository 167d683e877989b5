using Microsoft.AspNetCore.Diagnostics;

namespace Caro.Shared.Api;

/// <summary>Gives bodiless framework errors (unknown route 404, wrong method 405, 415) the envelope.</summary>
public static class StatusCodeEnvelope
{
    public static Task WriteAsync(StatusCodeContext context)
    {
        var response = context.HttpContext.Response;
        var (code, message) = response.StatusCode switch
        {
            404 => (
                ApiException.NotFoundCode,
                $"No route for {context.HttpContext.Request.Method} {context.HttpContext.Request.Path}"
            ),
            405 => (
                "METHOD_NOT_ALLOWED",
                $"Method {context.HttpContext.Request.Method} is not allowed here"
            ),
            415 => ("UNSUPPORTED_MEDIA_TYPE", "Content-Type must be application/json"),
            >= 500 => (
                ErrorHandlingMiddleware.InternalErrorCode,
                ErrorHandlingMiddleware.InternalErrorMessage
            ),
            _ => ("HTTP_" + response.StatusCode, "The request failed"),
        };
        return response.WriteAsJsonAsync(ApiEnvelope.Fail(code, message));
    }
}
