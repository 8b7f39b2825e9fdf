using System.Net;
using System.Net.Http.Headers;
using Confab.Server.Tests.Infrastructure;

namespace Confab.Server.Tests.Process;

/// <summary>The real server process, started twice on one data directory: what it stored is still there.</summary>
public sealed class RestartTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "confab-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Meetings_and_keys_survive_a_restart_and_the_meeting_lifecycle_works_over_http()
    {
        var dataDir = Path.Combine(_root, "data");
        Directory.CreateDirectory(_root);
        string accessToken;
        string meetingId;
        string joinUrl;
        string passcode;
        string seriesId;
        string[] occurrenceIds;

        await using (var first = await ServerProcess.StartAsync(dataDir: dataDir, workingDirectory: _root))
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
            Assert.StartsWith(first.BaseUrl.ToString().TrimEnd('/') + "/j/", joinUrl, StringComparison.Ordinal);
            var series = await TestApi.CreateMeetingAsync(client, new
            {
                topic = "Series",
                type = 8,
                start_time = "2030-02-04T17:00:00",
                duration = 60,
                timezone = "America/Chicago",
                recurrence = new { type = 1, repeat_interval = 1, end_times = 5 },
            });
            seriesId = TestApi.IdOf(series);
            occurrenceIds = series.GetProperty("occurrences").EnumerateArray()
                .Select(o => o.GetProperty("occurrence_id").GetString()!).ToArray();
            Assert.Equal(5, occurrenceIds.Length);
        }

        Assert.True(File.Exists(Path.Combine(dataDir, "confab.db")));
        Assert.True(File.Exists(Path.Combine(dataDir, "jwt-signing.key")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dataDir, "jwt-signing.key")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
                File.GetUnixFileMode(Path.Combine(dataDir, "keys")));
        }

        await using var second = await ServerProcess.StartAsync(dataDir: dataDir, workingDirectory: _root);
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

        // The rest of the life of a meeting, over real HTTP on the restarted server.
        var list = await (await again.GetAsync("/v2/users/me/meetings")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, list.GetProperty("total_records").GetInt32());
        var seriesAgain = await (await again.GetAsync($"/v2/meetings/{seriesId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(occurrenceIds, seriesAgain.GetProperty("occurrences").EnumerateArray()
            .Select(o => o.GetProperty("occurrence_id").GetString()!).ToArray());
        await (await again.PatchAsync($"/v2/meetings/{meetingId}", TestApi.Json(new { topic = "Patched after restart" })))
            .ExpectAsync(HttpStatusCode.NoContent);
        await (await again.PutAsync($"/v2/meetings/{meetingId}/status", TestApi.Json(new { action = "end" })))
            .ExpectAsync(HttpStatusCode.NoContent);
        var ended = await (await again.GetAsync($"/v2/meetings/{meetingId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Patched after restart", ended.GetProperty("topic").GetString());
        Assert.Equal("finished", ended.GetProperty("status").GetString());
        await (await again.DeleteAsync($"/v2/meetings/{meetingId}")).ExpectAsync(HttpStatusCode.NoContent);
        await (await again.GetAsync($"/v2/meetings/{meetingId}")).ExpectProblemAsync(HttpStatusCode.NotFound);
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
