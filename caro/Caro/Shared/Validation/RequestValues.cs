using System.Globalization;
using Caro.Shared.Api;

namespace Caro.Shared.Validation;

/// <summary>Route and query ids parsed by hand and strictly, so a bad one is a 400 naming it (not a 404 or 500).</summary>
public static class RequestValues
{
    public static long RouteId(HttpContext context, string name) =>
        ParseId(name, context.Request.RouteValues[name] as string);

    public static long QueryId(HttpContext context, string name)
    {
        var raw = context.Request.Query[name].ToString();
        if (string.IsNullOrWhiteSpace(raw))
        {
            throw ApiException.Validation([$"{name}: query parameter is required"]);
        }
        return ParseId(name, raw);
    }

    /// <summary>
    /// Digits only (an optional leading minus, answered "must be greater than 0"): no whitespace, no plus
    /// sign, no decimal point or exponent, no non-ASCII digits, so <c>/api/members/%201</c> is not member 1.
    /// </summary>
    private static long ParseId(string name, string? raw)
    {
        var digits = raw is not null && raw.StartsWith('-') ? raw[1..] : raw;
        if (
            string.IsNullOrEmpty(digits)
            || !digits.All(char.IsAsciiDigit)
            || !long.TryParse(
                raw,
                NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture,
                out var value
            )
        )
        {
            throw ApiException.Validation([$"{name}: must be an integer"]);
        }
        if (value < 1)
        {
            throw ApiException.Validation([$"{name}: must be greater than 0"]);
        }
        return value;
    }
}
