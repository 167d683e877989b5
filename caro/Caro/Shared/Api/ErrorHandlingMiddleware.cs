using System.Text.Json;
using Caro.Shared.Persistence;

namespace Caro.Shared.Api;

/// <summary>
/// Maps exceptions to the envelope: <see cref="ApiException"/> keeps its status, framework bad-request
/// errors become 400/413, a write that still lost a race after its retries is 409 (the client may retry;
/// how fast requests arrive never makes a 5xx), anything else is logged and answered 500 with a fixed
/// text (no type names, no stack traces).
/// </summary>
public sealed class ErrorHandlingMiddleware(
    RequestDelegate next,
    ILogger<ErrorHandlingMiddleware> logger
)
{
    public const string InternalErrorCode = "INTERNAL_ERROR";
    public const string InternalErrorMessage = "An unexpected error occurred";
    public const string ConflictCode = "CONFLICT";

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            var (status, code, message) = Describe(exception);
            if (status >= 500)
            {
                logger.LogError(
                    exception,
                    "Request {Method} {Path} failed",
                    context.Request.Method,
                    context.Request.Path
                );
            }
            else
            {
                logger.LogInformation(
                    "Request {Method} {Path} rejected: {Status} {Code}",
                    context.Request.Method,
                    context.Request.Path,
                    status,
                    code
                );
            }
            context.Response.Clear();
            context.Response.StatusCode = status;
            await context.Response.WriteAsJsonAsync(
                ApiEnvelope.Fail(code, message),
                context.RequestAborted
            );
        }
    }

    private static (int Status, string Code, string Message) Describe(Exception exception) =>
        exception switch
        {
            ApiException api => (api.Status, api.Code, api.Message),
            BadHttpRequestException { StatusCode: 413 } => (
                413,
                "PAYLOAD_TOO_LARGE",
                "body: request body too large"
            ),
            BadHttpRequestException bad => (
                bad.StatusCode,
                ApiException.ValidationError,
                "body: the request could not be read"
            ),
            JsonException => (400, ApiException.ValidationError, "body: malformed JSON"),
            _ when DbConflict.IsLostRace(exception) => (
                409,
                ConflictCode,
                "The data changed concurrently; retry the request"
            ),
            _ => (500, InternalErrorCode, InternalErrorMessage),
        };
}
