using System.Net;
using System.Net.Http.Headers;
using Confab.Server.Tests.Infrastructure;

namespace Confab.Server.Tests.Process;

/// <summary>The real server process, started twice on one data directory: what it stored is still there.</summary>
public sealed class RestartTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "confab-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_meeting_and_the_signing_keys_survive_a_restart()
    {
        var dataDir = Path.Combine(_root, "data");
        Directory.CreateDirectory(_root);
        string accessToken;
        string meetingId;
        string joinUrl;
        string passcode;

        await using (var first = await ServerProcess.StartAsync(dataDir, _root))
        {
            using var client = first.CreateClient();
            var email = TestApi.NewEmail();
            await TestApi.RegisterAsync(client, email);
            accessToken = (await TestApi.LoginAsync(client, email)).GetProperty("access_token").GetString()!;
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            var meeting = await TestApi.CreateMeetingAsync(client, new
            {
                topic = "Survives restarts",
                type = 2,
                start_time = "2030-01-15T09:30:00Z",
                duration = 25,
                timezone = "Europe/Paris",
            });
            meetingId = TestApi.IdOf(meeting);
            joinUrl = meeting.GetProperty("join_url").GetString()!;
            passcode = meeting.GetProperty("password").GetString()!;
            Assert.StartsWith(first.BaseAddress.ToString().TrimEnd('/') + "/j/", joinUrl, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(Path.Combine(dataDir, "confab.db")));
        Assert.True(File.Exists(Path.Combine(dataDir, "jwt-signing.key")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dataDir, "jwt-signing.key")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
                File.GetUnixFileMode(Path.Combine(dataDir, "keys")));
        }

        await using var second = await ServerProcess.StartAsync(dataDir, _root);
        using var again = second.CreateClient();
        // The access token issued before the restart still verifies: the signing key was kept.
        again.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var fetched = await (await again.GetAsync($"/v2/meetings/{meetingId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Survives restarts", fetched.GetProperty("topic").GetString());
        Assert.Equal("2030-01-15T09:30:00Z", fetched.GetProperty("start_time").GetString());
        Assert.Equal(25, fetched.GetProperty("duration").GetInt32());
        Assert.Equal("Europe/Paris", fetched.GetProperty("timezone").GetString());
        // The passcode and the join token were decrypted with the kept data-protection keys.
        Assert.Equal(passcode, fetched.GetProperty("password").GetString());
        Assert.Equal(new Uri(joinUrl).PathAndQuery, new Uri(fetched.GetProperty("join_url").GetString()!).PathAndQuery);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
        }
    }
}
