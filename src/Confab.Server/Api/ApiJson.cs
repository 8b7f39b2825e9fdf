using System.Text.Json;
using System.Text.Json.Serialization;

namespace Confab.Server.Api;

/// <summary>JSON of the REST API: snake_case names (as Zoom API v2), absent values left out.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        // Strict reading: "60" is not a number, trailing commas and comments are errors.
        options.NumberHandling = JsonNumberHandling.Strict;
        options.AllowTrailingCommas = false;
        options.ReadCommentHandling = JsonCommentHandling.Disallow;
        options.PropertyNameCaseInsensitive = false;
        return options;
    }

    /// <summary>Timestamps as Zoom writes them: UTC, whole seconds, "Z".</summary>
    public static string FormatTime(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static string FormatTime(DateTimeOffset time) => FormatTime(time.UtcDateTime);
}
