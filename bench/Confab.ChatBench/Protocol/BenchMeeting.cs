using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Confab.ChatBench.Protocol;

/// <summary>The benchmark's host account and its meetings, made over the REST API (docs/api.md).</summary>
internal sealed class BenchMeeting
{
    private BenchMeeting(string id, string passcode)
    {
        Id = id;
        Passcode = passcode;
    }

    public string Id { get; }

    public string Passcode { get; }

    /// <summary>Registers a new user and logs in; returns its access token.</summary>
    public static async Task<string> RegisterHostAsync(HttpClient http, CancellationToken cancellationToken)
    {
        string email = $"chat-bench-{Guid.NewGuid():N}@example.com";
        const string password = "chat-bench-password-1";
        (await http.PostAsJsonAsync("/v2/auth/register", new { email, password, display_name = "Bench Host" }, cancellationToken))
            .EnsureSuccessStatusCode();
        var login = await (await http.PostAsJsonAsync("/v2/auth/login", new { email, password }, cancellationToken))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return login.GetProperty("access_token").GetString()!;
    }

    /// <summary>A new instant meeting of the host, without a waiting room.</summary>
    public static async Task<BenchMeeting> CreateAsync(HttpClient http, string accessToken, CancellationToken cancellationToken)
    {
        using var create = new HttpRequestMessage(HttpMethod.Post, "/v2/users/me/meetings")
        {
            Content = JsonContent.Create(new { type = 1, topic = "Chat benchmark", settings = new { waiting_room = false } }),
        };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var meeting = await (await http.SendAsync(create, cancellationToken)).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        string id = meeting.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new BenchMeeting(id, meeting.GetProperty("password").GetString()!);
    }

    public object HostJoin(string accessToken) => new { type = "join", v = 1, meetingId = Id, accessToken, name = "Bench Host" };

    public object GuestJoin(string name) => new { type = "join", v = 1, meetingId = Id, passcode = Passcode, name };
}
