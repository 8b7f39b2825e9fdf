using System.Net.Http.Json;
using System.Text.Json;

namespace Confab.JoinBench;

/// <summary>The benchmark's host: an account made over the REST API, and an instant meeting without a waiting room.</summary>
internal static class HostAccount
{
    /// <summary>The meeting's join path (<c>/j/&lt;id&gt;?pwd=…</c>) and the host's tokens as the web client stores them.</summary>
    public static async Task<(string JoinPath, object Tokens)> CreateMeetingAsync(HttpClient http)
    {
        string email = $"bench-{Guid.NewGuid():N}@example.com";
        const string password = "join-bench-password-1";
        (await http.PostAsJsonAsync("/v2/auth/register", new { email, password, display_name = "Bench Host" })).EnsureSuccessStatusCode();
        var login = await (await http.PostAsJsonAsync("/v2/auth/login", new { email, password })).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        string access = login.GetProperty("access_token").GetString()!;
        using var create = new HttpRequestMessage(HttpMethod.Post, "/v2/users/me/meetings")
        {
            Content = JsonContent.Create(new { type = 1, topic = "Join benchmark", settings = new { waiting_room = false } }),
        };
        create.Headers.Authorization = new("Bearer", access);
        var meeting = await (await http.SendAsync(create)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var joinUrl = new Uri(meeting.GetProperty("join_url").GetString()!);
        var tokens = new
        {
            accessToken = access,
            refreshToken = login.GetProperty("refresh_token").GetString(),
            expiresAt = DateTimeOffset.UtcNow.AddSeconds(login.GetProperty("expires_in").GetInt32()).ToUnixTimeMilliseconds(),
        };
        return (joinUrl.PathAndQuery, tokens);
    }
}
