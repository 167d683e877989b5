namespace Caro.Shared.Api;

/// <summary>HTTP results wrapped in the envelope.</summary>
public static class ApiResults
{
    public static IResult Ok<T>(T data) => Results.Json(ApiEnvelope.Ok(data), statusCode: 200);

    public static IResult Created<T>(T data) => Results.Json(ApiEnvelope.Ok(data), statusCode: 201);

    public static IResult Accepted<T>(T data) =>
        Results.Json(ApiEnvelope.Ok(data), statusCode: 202);

    public static IResult NoContent() => Results.NoContent();

    public static IResult Fail(int status, string code, string message) =>
        Results.Json(ApiEnvelope.Fail(code, message), statusCode: status);
}
