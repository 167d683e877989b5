using System.Text.Json;
using Caro.Shared.Api;

namespace Caro.Shared.Validation;

/// <summary>
/// Reads a request body as a JSON object within the configured size limit. Fields are then read
/// one by one through <see cref="FieldReader"/>, so every bad field is named, never a 500.
/// </summary>
public static class JsonBody
{
    /// <summary>Like <see cref="ReadAsync"/>, but an empty body means "all defaults" (observatory endpoints).</summary>
    public static Task<FieldReader> ReadOptionalAsync(HttpContext context, long maxBytes) =>
        ReadAsync(context, maxBytes, allowEmpty: true);

    public static async Task<FieldReader> ReadAsync(
        HttpContext context,
        long maxBytes,
        bool allowEmpty = false
    )
    {
        var request = context.Request;
        if (
            request.ContentType is { } type
            && !type.Contains("json", StringComparison.OrdinalIgnoreCase)
        )
        {
            throw new ApiException(
                415,
                "UNSUPPORTED_MEDIA_TYPE",
                "Content-Type must be application/json"
            );
        }
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(maxBytes);
            }
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0 && allowEmpty)
        {
            return FieldReader.Empty();
        }
        if (buffer.Length == 0)
        {
            throw ApiException.Validation(["body: must be a JSON object"]);
        }
        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw ApiException.Validation(["body: must be a JSON object"]);
            }
            return new FieldReader(document.RootElement.Clone());
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line
                ? $" at line {line + 1}, position {exception.BytePositionInLine + 1}"
                : "";
            throw ApiException.Validation([$"body: malformed JSON{where}"]);
        }
    }

    private static ApiException TooLarge(long maxBytes) =>
        new(413, "PAYLOAD_TOO_LARGE", $"body: must not exceed {maxBytes} bytes");
}
