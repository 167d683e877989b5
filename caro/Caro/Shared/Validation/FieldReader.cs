using System.Text.Json;
using Caro.Shared.Api;

namespace Caro.Shared.Validation;

/// <summary>
/// Reads typed fields from a JSON object and collects one message per bad field
/// (<c>"field: message"</c>, the original's Bean Validation wording). Call <see cref="ThrowIfInvalid"/> last.
/// </summary>
public sealed class FieldReader(JsonElement root)
{
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors => _errors;

    public static FieldReader Empty() => new(JsonDocument.Parse("{}").RootElement.Clone());

    public long Id(string name) => Long(name, required: true, min: 1) ?? 0;

    public long? Long(
        string name,
        bool required,
        long min = long.MinValue,
        long max = long.MaxValue
    )
    {
        if (!TryGet(name, required, out var element))
        {
            return null;
        }
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var value))
        {
            return Fail<long?>(name, "must be an integer");
        }
        return CheckRange(name, value, min, max) ? value : null;
    }

    public int? Int(
        string name,
        bool required,
        int min = int.MinValue,
        int max = int.MaxValue,
        int? fallback = null
    )
    {
        if (!TryGet(name, required, out var element))
        {
            return fallback;
        }
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value))
        {
            return Fail<int?>(name, "must be an integer");
        }
        return CheckRange(name, value, min, max) ? value : null;
    }

    public double? Double(
        string name,
        bool required,
        double? fallback = null,
        bool positive = false
    )
    {
        if (!TryGet(name, required, out var element))
        {
            return fallback;
        }
        if (
            element.ValueKind != JsonValueKind.Number
            || !element.TryGetDouble(out var value)
            || !double.IsFinite(value)
        )
        {
            return Fail<double?>(name, "must be a number");
        }
        if (positive && value <= 0)
        {
            return Fail<double?>(name, "must be greater than 0");
        }
        return value;
    }

    public string? String(
        string name,
        bool required,
        bool notBlank = true,
        int maxLength = 255,
        string? fallback = null
    )
    {
        if (!TryGet(name, required, out var element))
        {
            return fallback;
        }
        if (element.ValueKind != JsonValueKind.String)
        {
            return Fail<string?>(name, "must be a string");
        }
        if (!TryText(name, () => element.GetString() ?? "", out var value))
        {
            return null;
        }
        if (notBlank && string.IsNullOrWhiteSpace(value))
        {
            return Fail<string?>(name, "must not be blank");
        }
        if (value.Length > maxLength)
        {
            return Fail<string?>(name, $"size must be between 0 and {maxLength}");
        }
        return value;
    }

    public string? Email(string name)
    {
        var value = String(name, required: true);
        if (value is not null && !LooksLikeEmail(value))
        {
            return Fail<string?>(name, "must be a well-formed email address");
        }
        return value;
    }

    public IReadOnlyDictionary<string, string> StringMap(string name)
    {
        if (!TryGet(name, required: false, out var element))
        {
            return new Dictionary<string, string>();
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            return Fail<IReadOnlyDictionary<string, string>?>(name, "must be an object of strings")
                ?? new Dictionary<string, string>();
        }
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (
                !TryText(name, () => property.Name, out var key)
                || !TryText(
                    name,
                    () =>
                        property.Value.ValueKind == JsonValueKind.String
                            ? property.Value.GetString() ?? ""
                            : property.Value.GetRawText(),
                    out var value
                )
            )
            {
                return new Dictionary<string, string>();
            }
            map[key] = value;
        }
        return map;
    }

    /// <summary>An enum-like string: one of <paramref name="allowed"/> (case-insensitive), returned upper-case.</summary>
    public string? OneOf(string name, string fallback, params string[] allowed)
    {
        var value = String(name, required: false, fallback: fallback);
        if (value is null)
        {
            return null;
        }
        var upper = value.ToUpperInvariant();
        return allowed.Contains(upper)
            ? upper
            : Fail<string?>(name, $"must be one of {string.Join(", ", allowed)}");
    }

    public void AddError(string name, string message) => _errors.Add($"{name}: {message}");

    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
        {
            throw ApiException.Validation(_errors);
        }
    }

    private bool TryGet(string name, bool required, out JsonElement element)
    {
        if (root.TryGetProperty(name, out element) && element.ValueKind != JsonValueKind.Null)
        {
            return true;
        }
        if (required)
        {
            AddError(name, "must not be null");
        }
        return false;
    }

    /// <summary>
    /// Reads text out of the document. JSON parsing accepts invalid UTF-8 bytes and lone surrogate escapes
    /// (<c>\ud800</c>) inside strings; turning them into .NET text fails, which is the client's fault: a 400
    /// naming the field.
    /// </summary>
    private bool TryText(string name, Func<string> read, out string text)
    {
        try
        {
            text = read();
            return true;
        }
        catch (InvalidOperationException)
        {
            AddError(name, "must be valid Unicode text");
            text = "";
            return false;
        }
    }

    private bool CheckRange(string name, long value, long min, long max)
    {
        if (value < min)
        {
            AddError(
                name,
                min == 1 ? "must be greater than 0" : $"must be greater than or equal to {min}"
            );
            return false;
        }
        if (value > max)
        {
            AddError(name, $"must be less than or equal to {max}");
            return false;
        }
        return true;
    }

    private T? Fail<T>(string name, string message)
    {
        AddError(name, message);
        return default;
    }

    private static bool LooksLikeEmail(string value)
    {
        var at = value.IndexOf('@');
        return at > 0
            && at == value.LastIndexOf('@')
            && at < value.Length - 1
            && !value.Any(char.IsWhiteSpace);
    }
}
