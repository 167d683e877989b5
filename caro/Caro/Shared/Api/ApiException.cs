namespace Caro.Shared.Api;

/// <summary>
/// An error the client caused (or a declared server condition). The middleware turns it into the
/// envelope with <see cref="Status"/>, <see cref="Code"/> and <see cref="Message"/>.
/// </summary>
public sealed class ApiException(int status, string code, string message) : Exception(message)
{
    public const string ValidationError = "VALIDATION_ERROR";
    public const string NotFoundCode = "NOT_FOUND";
    public const string DuplicateCode = "DUPLICATE";
    public const string InvalidRequestCode = "INVALID_REQUEST";

    public int Status { get; } = status;
    public string Code { get; } = code;

    public static ApiException NotFound(string entity, object id) =>
        new(404, NotFoundCode, $"{entity} not found: {id}");

    public static ApiException Duplicate(string entity, string field, string value) =>
        new(409, DuplicateCode, $"{entity} with {field} '{value}' already exists");

    public static ApiException Invalid(string reason) => new(400, InvalidRequestCode, reason);

    public static ApiException Validation(IEnumerable<string> fieldErrors) =>
        new(400, ValidationError, string.Join(", ", fieldErrors));
}
