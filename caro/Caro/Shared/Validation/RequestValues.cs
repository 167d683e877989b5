using System.Globalization;
using Caro.Shared.Api;

namespace Caro.Shared.Validation;

/// <summary>Route and query values parsed by hand, so a bad one is a 400 naming it (not a 404 or 500).</summary>
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

    private static long ParseId(string name, string? raw)
    {
        if (!long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
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
