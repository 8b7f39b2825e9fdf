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
    public async Task Recurring_weekly_meeting_keeps_local_time_across_the_dst_change()
    {
        var (client, _, _) = await TestApi.NewUserAsync(_fixture);
        // Mondays 10:00 in Berlin from 16 March 2026; Berlin moves to summer time on 29 March.
        var meeting = await TestApi.CreateMeetingAsync(client, new
        {
            topic = "Weekly sync",
            type = 8,
            start_time = "2026-03-16T10:00:00",
            duration = 30,
            timezone = "Europe/Berlin",
            recurrence = new { type = 2, repeat_interval = 1, weekly_days = "2", end_times = 4 },
        });
        var occurrences = meeting.GetProperty("occurrences").EnumerateArray().ToList();
        string[] expected = ["2026-03-16T09:00:00Z", "2026-03-23T09:00:00Z", "2026-03-30T08:00:00Z", "2026-04-06T08:00:00Z"];
        Assert.Equal(expected, occurrences.Select(o => o.GetProperty("start_time").GetString()).ToArray());
        foreach (var occurrence in occurrences)
        {
            var start = DateTimeOffset.Parse(occurrence.GetProperty("start_time").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(start.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                occurrence.GetProperty("occurrence_id").GetString());
            Assert.Equal(30, occurrence.GetProperty("duration").GetInt32());
            Assert.Equal("available", occurrence.GetProperty("status").GetString());
        }
        var recurrence = meeting.GetProperty("recurrence");
        Assert.Equal(2, recurrence.GetProperty("type").GetInt32());
        Assert.Equal("2", recurrence.GetProperty("weekly_days").GetString());
        Assert.Equal(4, recurrence.GetProperty("end_times").GetInt32());
    }

    [SkippableFact]
    public async Task Deleting_one_occurrence_marks_it_deleted_and_keeps_the_series()
    {
        var (client, _, _) = await TestApi.NewUserAsync(_fixture);
        var meeting = await TestApi.CreateMeetingAsync(client, new
        {
            topic = "Daily",
            type = 8,
            start_time = "2026-05-04T08:00:00Z",
            duration = 15,
            timezone = "UTC",
            recurrence = new { type = 1, repeat_interval = 1, end_times = 3 },
        });
        var id = TestApi.IdOf(meeting);
        var occurrences = meeting.GetProperty("occurrences");
        Assert.Equal(3, occurrences.GetArrayLength());
        var second = occurrences[1].GetProperty("occurrence_id").GetString();

        await (await client.DeleteAsync($"/v2/meetings/{id}?occurrence_id={second}")).ExpectAsync(HttpStatusCode.NoContent);
        var fetched = await (await client.GetAsync($"/v2/meetings/{id}")).ExpectAsync(HttpStatusCode.OK);
        var statuses = fetched.GetProperty("occurrences").EnumerateArray().Select(o => o.GetProperty("status").GetString()).ToArray();
        Assert.Equal(new string?[] { "available", "deleted", "available" }, statuses);

        var one = await (await client.GetAsync($"/v2/meetings/{id}?occurrence_id={second}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(occurrences[1].GetProperty("start_time").GetString(), one.GetProperty("start_time").GetString());
        await (await client.DeleteAsync($"/v2/meetings/{id}?occurrence_id=1")).ExpectProblemAsync(HttpStatusCode.NotFound);
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
    public async Task Invitation_is_json_by_default_and_plain_text_on_request()
    {
        var (client, _, _) = await TestApi.NewUserAsync(_fixture);
        var meeting = await TestApi.CreateMeetingAsync(client, Scheduled("Invite me"));
        var id = TestApi.IdOf(meeting);

        var json = await (await client.GetAsync($"/v2/meetings/{id}/invitation")).ExpectAsync(HttpStatusCode.OK);
        var text = json.GetProperty("invitation").GetString()!;
        Assert.Contains(meeting.GetProperty("join_url").GetString()!, text, StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/meetings/{id}/invitation");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
        var plain = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal("text/plain", plain.Content.Headers.ContentType?.MediaType);
        Assert.Equal(text, await plain.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task Ics_download_is_a_calendar_file()
    {
        var (client, _, _) = await TestApi.NewUserAsync(_fixture);
        var id = TestApi.IdOf(await TestApi.CreateMeetingAsync(client, Scheduled("Calendar")));
        var response = await client.GetAsync($"/v2/meetings/{id}/ics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"confab-{id}.ics", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var ics = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("BEGIN:VEVENT", ics, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Past_meeting_participants_come_from_meeting_participants()
    {
        var (client, _, _) = await TestApi.NewUserAsync(_fixture);
        var id = TestApi.IdOf(await TestApi.CreateMeetingAsync(client, Scheduled()));
        var empty = await (await client.GetAsync($"/v2/past_meetings/{id}/participants")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, empty.GetProperty("total_records").GetInt32());
        Assert.Equal(0, empty.GetProperty("participants").GetArrayLength());

        await using (var scope = _fixture.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ConfabDbContext>();
            db.MeetingParticipants.Add(new MeetingParticipantRecord
            {
                Id = Guid.NewGuid(),
                MeetingId = id,
                DisplayName = "Guest Greta",
                JoinTime = new DateTime(2026, 6, 1, 14, 0, 0, DateTimeKind.Utc),
                LeaveTime = new DateTime(2026, 6, 1, 14, 30, 0, DateTimeKind.Utc),
                DurationMins = 30,
                DeviceType = "web",
                Role = "participant",
            });
            await db.SaveChangesAsync();
        }
        var one = await (await client.GetAsync($"/v2/past_meetings/{id}/participants")).ExpectAsync(HttpStatusCode.OK);
        var participant = Assert.Single(one.GetProperty("participants").EnumerateArray());
        Assert.Equal("Guest Greta", participant.GetProperty("name").GetString());
        Assert.Equal("2026-06-01T14:00:00Z", participant.GetProperty("join_time").GetString());
        Assert.Equal(1800, participant.GetProperty("duration").GetInt32());
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
