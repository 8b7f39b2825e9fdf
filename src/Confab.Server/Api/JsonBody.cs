using System.Text.Json;
using Confab.Meetings.Scheduling;

namespace Confab.Server.Api;

/// <summary>
/// Reads a request body as JSON, turning every failure (not JSON, truncated, wrong type, array instead of
/// object, empty) into a 400 problem that names the field, instead of an exception.
/// </summary>
public static class JsonBody
{
    /// <summary>The field name used when the body as a whole is wrong.</summary>
    public const string BodyField = "body";

    /// <summary>Larger bodies than this are refused; no request of the API comes near it.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct)
        where T : class
    {
        var contentType = request.ContentType;
        if (!string.IsNullOrEmpty(contentType) && !IsJson(contentType))
        {
            return (null, ApiProblems.UnsupportedMediaType("The request body must be application/json."));
        }
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, ApiProblems.Field(BodyField, $"The request body must be at most {MaxBodyBytes} bytes."));
        }
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, ApiJson.Options, ct);
            return value is null
                ? (null, ApiProblems.Field(BodyField, "A JSON object is required."))
                : (value, null);
        }
        catch (JsonException ex)
        {
            var field = FieldOf(ex.Path);
            var message = field == BodyField
                ? "The request body must be one well-formed JSON object."
                : "The value is malformed or of the wrong type.";
            return (null, ApiProblems.Field(field, message));
        }
        catch (BadHttpRequestException)
        {
            return (null, ApiProblems.Field(BodyField, "The request body could not be read."));
        }
    }

    /// <summary>"$.recurrence.weekly_days" → "recurrence.weekly_days"; "$" or nothing → "body".</summary>
    public static string FieldOf(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
        {
            return BodyField;
        }
        return jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
    }

    private static bool IsJson(string contentType)
    {
        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Adds an error when <paramref name="value"/> is longer than <paramref name="max"/> characters.</summary>
    public static void CheckLength(string? value, int max, string field, FieldErrors errors)
    {
        if (value is not null && value.Length > max)
        {
            errors.Add(field, $"Must be at most {max} characters.");
        }
    }
}
