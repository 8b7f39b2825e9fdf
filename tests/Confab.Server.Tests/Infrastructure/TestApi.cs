using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Confab.Server.Tests.Infrastructure;

/// <summary>Small helpers to speak to the API as a client would.</summary>
public static class TestApi
{
    public const string StrongPassword = "Quiet-Harbour-Lantern-42";

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(object value) => Json(JsonSerializer.Serialize(value));

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> ExpectAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} but got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 7807 answer with this status; returns its body.</summary>
    public static async Task<JsonElement> ExpectProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.ExpectAsync(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        return body;
    }

    /// <summary>Asserts a 400 problem whose errors object names <paramref name="field"/> (or, with a trailing '*', a field starting so).</summary>
    public static async Task<JsonElement> ExpectFieldErrorAsync(this HttpResponseMessage response, string field)
    {
        var body = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        var errors = body.GetProperty("errors");
        Assert.Equal(JsonValueKind.Object, errors.ValueKind);
        var names = errors.EnumerateObject().Select(p => p.Name).ToList();
        var found = field.EndsWith('*')
            ? names.Any(n => n.StartsWith(field[..^1], StringComparison.Ordinal))
            : names.Contains(field);
        Assert.True(found, $"Expected an error for '{field}' but got: {errors}");
        foreach (var property in errors.EnumerateObject())
        {
            Assert.True(property.Value.GetArrayLength() > 0, $"Field {property.Name} has no message.");
        }
        return body;
    }

    public static string NewEmail() => $"user-{Guid.NewGuid():N}@example.com";

    public static async Task<JsonElement> RegisterAsync(HttpClient client, string email, string? timezone = "Europe/Berlin")
    {
        var response = await client.PostAsync("/v2/auth/register",
            Json(new { email, password = StrongPassword, display_name = "Ada Host", timezone }));
        return await response.ExpectAsync(HttpStatusCode.Created);
    }

    public static async Task<JsonElement> LoginAsync(HttpClient client, string email, string password = StrongPassword)
    {
        var response = await client.PostAsync("/v2/auth/login", Json(new { email, password }));
        return await response.ExpectAsync(HttpStatusCode.OK);
    }

    /// <summary>Registers a new user and returns a client carrying its access token.</summary>
    public static async Task<(HttpClient Client, string Email, string AccessToken)> NewUserAsync(ServerFixture fixture)
    {
        var anonymous = fixture.CreateClient();
        var email = NewEmail();
        await RegisterAsync(anonymous, email);
        var tokens = await LoginAsync(anonymous, email);
        var token = tokens.GetProperty("access_token").GetString()!;
        return (fixture.CreateClient(token), email, token);
    }

    public static async Task<JsonElement> CreateMeetingAsync(HttpClient client, object request)
    {
        var response = await client.PostAsync("/v2/users/me/meetings", Json(request));
        return await response.ExpectAsync(HttpStatusCode.Created);
    }

    public static string IdOf(JsonElement meeting) => meeting.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
