using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Confab.Data.Database;
using Confab.Data.Model;
using Confab.Server.Auth;
using Confab.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Confab.Server.Tests.Api;

/// <summary>The meetings API in Zoom API v2 shapes — on each database engine.</summary>
public abstract class MeetingApiTests
{
    private readonly ServerFixture _fixture;

    protected MeetingApiTests(ServerFixture fixture)
    {
        _fixture = fixture;
        fixture.EnsureAvailable();
    }

    private static object Scheduled(string topic = "Design review") => new
    {
        topic,
        type = 2,
        start_time = "2026-06-01T14:00:00Z",
        duration = 45,
        timezone = "Europe/Berlin",
        agenda = "Walk through the API",
        settings = new { waiting_room = false, mute_upon_entry = true },
    };

    [SkippableFact]
    public async Task Create_scheduled_meeting_answers_in_zoom_shape()
    {
        var (client, email, _) = await TestApi.NewUserAsync(_fixture);
        var response = await client.PostAsync("/v2/users/me/meetings", TestApi.Json(Scheduled()));
        var meeting = await response.ExpectAsync(HttpStatusCode.Created);

        var id = TestApi.IdOf(meeting);
        Assert.Matches("^[1-9][0-9]{10}$", id);
        Assert.Equal($"/v2/meetings/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(16, Convert.FromBase64String(meeting.GetProperty("uuid").GetString()!).Length);
        Assert.Equal(email, meeting.GetProperty("host_email").GetString());
        Assert.Equal("Design review", meeting.GetProperty("topic").GetString());
        Assert.Equal(2, meeting.GetProperty("type").GetInt32());
        Assert.Equal("waiting", meeting.GetProperty("status").GetString());
        Assert.Equal("2026-06-01T14:00:00Z", meeting.GetProperty("start_time").GetString());
        Assert.Equal(45, meeting.GetProperty("duration").GetInt32());
        Assert.Equal("Europe/Berlin", meeting.GetProperty("timezone").GetString());
        Assert.Equal("Walk through the API", meeting.GetProperty("agenda").GetString());
        Assert.Matches($"^https://confab\\.test/j/{id}\\?pwd=[A-Za-z0-9_-]{{43}}$", meeting.GetProperty("join_url").GetString()!);
        Assert.Matches("^[0-9]{6}$", meeting.GetProperty("password").GetString()!);
        var settings = meeting.GetProperty("settings");
        Assert.False(settings.GetProperty("waiting_room").GetBoolean());
        Assert.True(settings.GetProperty("mute_upon_entry").GetBoolean());
        Assert.False(settings.GetProperty("join_before_host").GetBoolean());
        Assert.Equal("none", settings.GetProperty("auto_recording").GetString());
        Assert.False(meeting.TryGetProperty("occurrences", out _));
    }

    [SkippableFact]
    public async Task A_start_time_without_offset_is_local_time_in_the_meeting_zone()
    {
        var (client, _, _) = await TestApi.NewUserAsync(_fixture);
        var meeting = await TestApi.CreateMeetingAsync(client, new
        {
            topic = "Local",
            type = 2,
            start_time = "2026-07-01T10:00:00",
            timezone = "America/New_York",
            password = "abc-123",
        });
        // New York is UTC-4 in July.
        Assert.Equal("2026-07-01T14:00:00Z", meeting.GetProperty("start_time").GetString());
        Assert.Equal("abc-123", meeting.GetProperty("password").GetString());
    }

    [SkippableFact]
    public async Task Passcode_and_join_token_are_stored_hashed_and_encrypted_not_in_plain()
    {
        var (client, _, _) = await TestApi.NewUserAsync(_fixture);
        var meeting = await TestApi.CreateMeetingAsync(client, new { topic = "Secrets", password = "Secret42" });
        var id = TestApi.IdOf(meeting);
        var joinUrl = new Uri(meeting.GetProperty("join_url").GetString()!);
        var token = Uri.UnescapeDataString(joinUrl.Query["?pwd=".Length..]);

        await using var scope = _fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConfabDbContext>();
        var row = await db.Meetings.AsNoTracking().SingleAsync(m => m.MeetingId == id);
        Assert.Equal(TokenHashing.Sha256Hex(token), row.JoinTokenHash);
        Assert.DoesNotContain("Secret42", row.PasswordHash!, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret42", row.PasscodeProtected!, StringComparison.Ordinal);
        Assert.DoesNotContain(token, row.JoinTokenProtected!, StringComparison.Ordinal);
        var secrets = scope.ServiceProvider.GetRequiredService<Meetings.MeetingSecrets>();
        Assert.True(secrets.VerifyPasscode(row, "Secret42"));
        Assert.False(secrets.VerifyPasscode(row, "Secret43"));
    }

    [SkippableFact]
    public async Task The_join_link_token_finds_its_meeting_until_the_passcode_changes()
    {
        var (client, _, _) = await TestApi.NewUserAsync(_fixture);
        var meeting = await TestApi.CreateMeetingAsync(client, Scheduled());
        var id = TestApi.IdOf(meeting);
        var token = Uri.UnescapeDataString(new Uri(meeting.GetProperty("join_url").GetString()!).Query["?pwd=".Length..]);

        await using (var scope = _fixture.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ConfabDbContext>();
            Assert.Equal(id, (await Meetings.MeetingLookup.FindByJoinTokenAsync(db, token, default))?.MeetingId);
            Assert.Null(await Meetings.MeetingLookup.FindByJoinTokenAsync(db, token + "x", default));
        }
        await (await client.PatchAsync($"/v2/meetings/{id}", TestApi.Json(new { password = "Other-1" }))).ExpectAsync(HttpStatusCode.NoContent);
        await using (var scope = _fixture.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ConfabDbContext>();
            Assert.Null(await Meetings.MeetingLookup.FindByJoinTokenAsync(db, token, default));
        }
    }

    [SkippableFact]
    public async Task Register_create_list_get_patch_end_delete_round_trip()
    {
        var (client, _, _) = await TestApi.NewUserAsync(_fixture);
        var created = await TestApi.CreateMeetingAsync(client, Scheduled("Round trip"));
        var id = TestApi.IdOf(created);

        var list = await (await client.GetAsync("/v2/users/me/meetings")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, list.GetProperty("total_records").GetInt32());
        Assert.Equal(id, TestApi.IdOf(list.GetProperty("meetings")[0]));
        Assert.Equal("", list.GetProperty("next_page_token").GetString());

        var fetched = await (await client.GetAsync($"/v2/meetings/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(created.GetProperty("join_url").GetString(), fetched.GetProperty("join_url").GetString());
        Assert.Equal(created.GetProperty("password").GetString(), fetched.GetProperty("password").GetString());

        var patch = await client.PatchAsync($"/v2/meetings/{id}", TestApi.Json(new
        {
            topic = "Renamed",
            duration = 90,
            settings = new { host_video = true },
        }));
        await patch.ExpectAsync(HttpStatusCode.NoContent);
        var patched = await (await client.GetAsync($"/v2/meetings/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Renamed", patched.GetProperty("topic").GetString());
        Assert.Equal(90, patched.GetProperty("duration").GetInt32());
        Assert.Equal("2026-06-01T14:00:00Z", patched.GetProperty("start_time").GetString());
        Assert.Equal("Walk through the API", patched.GetProperty("agenda").GetString());
        Assert.True(patched.GetProperty("settings").GetProperty("host_video").GetBoolean());
        Assert.True(patched.GetProperty("settings").GetProperty("mute_upon_entry").GetBoolean());

        await (await client.PutAsync($"/v2/meetings/{id}/status", TestApi.Json(new { action = "end" })))
            .ExpectAsync(HttpStatusCode.NoContent);
        var ended = await (await client.GetAsync($"/v2/meetings/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("finished", ended.GetProperty("status").GetString());
        var previous = await (await client.GetAsync("/v2/users/me/meetings?type=previous_meetings")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, previous.GetProperty("total_records").GetInt32());
        var scheduled = await (await client.GetAsync("/v2/users/me/meetings?type=scheduled")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, scheduled.GetProperty("total_records").GetInt32());

        await (await client.DeleteAsync($"/v2/meetings/{id}")).ExpectAsync(HttpStatusCode.NoContent);
        await (await client.GetAsync($"/v2/meetings/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/v2/meetings/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Ending_an_ended_meeting_is_409()
    {
        var (client, _, _) = await TestApi.NewUserAsync(_fixture);
        var id = TestApi.IdOf(await TestApi.CreateMeetingAsync(client, Scheduled()));
        await (await client.PutAsync($"/v2/meetings/{id}/status", TestApi.Json(new { action = "end" })))
            .ExpectAsync(HttpStatusCode.NoContent);
        await (await client.PutAsync($"/v2/meetings/{id}/status", TestApi.Json(new { action = "end" })))
            .ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [SkippableFact]
    public async Task Changing_the_passcode_changes_the_join_link()
    {
        var (client, _, _) = await TestApi.NewUserAsync(_fixture);
        var created = await TestApi.CreateMeetingAsync(client, Scheduled());
        var id = TestApi.IdOf(created);
        await (await client.PatchAsync($"/v2/meetings/{id}", TestApi.Json(new { password = "New-Code1" })))
            .ExpectAsync(HttpStatusCode.NoContent);
        var fetched = await (await client.GetAsync($"/v2/meetings/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("New-Code1", fetched.GetProperty("password").GetString());
        Assert.NotEqual(created.GetProperty("join_url").GetString(), fetched.GetProperty("join_url").GetString());
    }

    [SkippableFact]
    public async Task Someone_elses_meeting_answers_exactly_like_a_missing_one()
    {
        var (owner, _, _) = await TestApi.NewUserAsync(_fixture);
        var (stranger, _, _) = await TestApi.NewUserAsync(_fixture);
        var id = TestApi.IdOf(await TestApi.CreateMeetingAsync(owner, Scheduled()));
        const string missing = "99999999999";

        foreach (var path in new[] { "", "/invitation", "/ics" })
        {
            var theirs = await (await stranger.GetAsync($"/v2/meetings/{id}{path}")).ExpectProblemAsync(HttpStatusCode.NotFound);
            var none = await (await stranger.GetAsync($"/v2/meetings/{missing}{path}")).ExpectProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal(none.GetProperty("detail").GetString(), theirs.GetProperty("detail").GetString());
        }
        await (await stranger.PatchAsync($"/v2/meetings/{id}", TestApi.Json(new { topic = "mine" }))).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.DeleteAsync($"/v2/meetings/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.PutAsync($"/v2/meetings/{id}/status", TestApi.Json(new { action = "end" }))).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/v2/past_meetings/{id}/participants")).ExpectProblemAsync(HttpStatusCode.NotFound);
        // The owner's meeting is untouched.
        var still = await (await owner.GetAsync($"/v2/meetings/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Design review", still.GetProperty("topic").GetString());
    }

    [SkippableFact]
    public async Task List_pages_with_next_page_token_and_filters_by_type()
    {
        var (client, _, _) = await TestApi.NewUserAsync(_fixture);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(TestApi.IdOf(await TestApi.CreateMeetingAsync(client, new
            {
                topic = $"M{i}",
                type = 2,
                start_time = $"2027-01-0{i + 1}T10:00:00Z",
            })));
        }
        // One meeting already over by the server's clock.
        await TestApi.CreateMeetingAsync(client, new { topic = "Past", type = 2, start_time = "2025-01-01T10:00:00Z" });

        var first = await (await client.GetAsync("/v2/users/me/meetings?type=upcoming&page_size=2")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3, first.GetProperty("total_records").GetInt32());
        Assert.Equal(2, first.GetProperty("page_size").GetInt32());
        Assert.Equal([ids[0], ids[1]], first.GetProperty("meetings").EnumerateArray().Select(TestApi.IdOf).ToArray());
        var token = first.GetProperty("next_page_token").GetString();
        Assert.False(string.IsNullOrEmpty(token));

        var second = await (await client.GetAsync($"/v2/users/me/meetings?type=upcoming&page_size=2&next_page_token={token}"))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([ids[2]], second.GetProperty("meetings").EnumerateArray().Select(TestApi.IdOf).ToArray());
        Assert.Equal("", second.GetProperty("next_page_token").GetString());

        var all = await (await client.GetAsync("/v2/users/me/meetings?type=scheduled")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(4, all.GetProperty("total_records").GetInt32());
        var live = await (await client.GetAsync("/v2/users/me/meetings?type=live")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, live.GetProperty("total_records").GetInt32());
    }

    [SkippableFact]
    public async Task Meeting_ids_are_unique_and_numeric()
    {
        var (client, _, _) = await TestApi.NewUserAsync(_fixture);
        var ids = new HashSet<string>();
        for (var i = 0; i < 15; i++)
        {
            var id = TestApi.IdOf(await TestApi.CreateMeetingAsync(client, new { topic = $"n{i}", type = 1 }));
            Assert.Matches("^[1-9][0-9]{10}$", id);
            Assert.True(ids.Add(id), $"Meeting ID {id} was handed out twice.");
        }
    }

    [SkippableFact]
    public async Task Meeting_defaults_come_from_the_host_zone_and_zoom_defaults()
    {
        var (client, _, _) = await TestApi.NewUserAsync(_fixture);
        var meeting = await TestApi.CreateMeetingAsync(client, new { });
        Assert.Equal(2, meeting.GetProperty("type").GetInt32());
        Assert.Equal(60, meeting.GetProperty("duration").GetInt32());
        Assert.Equal("Europe/Berlin", meeting.GetProperty("timezone").GetString());
        Assert.Equal(JsonValueKind.String, meeting.GetProperty("start_time").ValueKind);
        Assert.True(meeting.GetProperty("settings").GetProperty("waiting_room").GetBoolean());
    }
}

public sealed class SqliteMeetingApiTests(SqliteServerFixture fixture)
    : MeetingApiTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgresMeetingApiTests(PostgresServerFixture fixture)
    : MeetingApiTests(fixture), IClassFixture<PostgresServerFixture>;
