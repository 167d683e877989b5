namespace Caro.Shared.Api;

/// <summary>The JSON envelope of every API response except DELETE (204, empty).</summary>
public sealed record ApiEnvelope<T>(bool Success, T? Data, ApiError? Error, DateTime Timestamp);

public sealed record ApiError(string Code, string Message);

public static class ApiEnvelope
{
    public static ApiEnvelope<T> Ok<T>(T data) => new(true, data, null, DateTime.UtcNow);

    public static ApiEnvelope<object> Fail(string code, string message) =>
        new(false, null, new ApiError(code, message), DateTime.UtcNow);
}
