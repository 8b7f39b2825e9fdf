using System.Net;
using System.Net.Http.Headers;
using Confab.Data.Database;
using Confab.Data.Model;
using Confab.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Confab.Server.Tests.Api;

/// <summary>Recurring series and their occurrences, invitation, .ics and past participants — on each database engine.</summary>
public abstract class MeetingSeriesAndExportApiTests
{
    private readonly ServerFixture _fixture;

    protected MeetingSeriesAndExportApiTests(ServerFixture fixture)
    {
        _fixture = fixture;
        fixture.EnsureAvailable();
    }

    private static object Scheduled(string topic) => new
    {
        topic,
        type = 2,
        start_time = "2026-06-01T14:00:00Z",
        duration = 45,
        timezone = "Europe/Berlin",
    };

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
        var id = TestApi.IdOf(await TestApi.CreateMeetingAsync(client, Scheduled("Attended")));
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
    public async Task Past_meeting_chat_pages_every_message_in_order_and_downloads_as_text_for_the_host_only()
    {
        var (client, _, _) = await TestApi.NewUserAsync(_fixture);
        var id = TestApi.IdOf(await TestApi.CreateMeetingAsync(client, Scheduled("Chatty")));
        var first = Guid.CreateVersion7(new DateTimeOffset(2026, 6, 1, 14, 0, 0, TimeSpan.Zero));
        var second = Guid.CreateVersion7(new DateTimeOffset(2026, 6, 1, 14, 1, 0, TimeSpan.Zero));
        await using (var scope = _fixture.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ConfabDbContext>();
            db.ChatMessages.Add(new ChatMessageRecord
            {
                MeetingId = id, MessageId = second, SenderParticipantId = "p-ada", SenderName = "Ada", RecipientParticipantId = "p-greta",
                Content = "Can you present?\nAfter Bob.", MessageType = "text", ClientId = "client-0002",
                CreatedAt = new DateTime(2026, 6, 1, 14, 1, 0, DateTimeKind.Utc),
            });
            db.ChatMessages.Add(new ChatMessageRecord
            {
                MeetingId = id, MessageId = first, SenderParticipantId = "p-greta", SenderName = "Greta", Content = "<b>Hello</b>",
                MessageType = "text", ClientId = "client-0001", CreatedAt = new DateTime(2026, 6, 1, 14, 0, 0, DateTimeKind.Utc),
            });
            await db.SaveChangesAsync();
        }

        var page = await (await client.GetAsync($"/v2/past_meetings/{id}/chat?page_size=1")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, page.GetProperty("total_records").GetInt32());
        var one = Assert.Single(page.GetProperty("messages").EnumerateArray());
        Assert.Equal(first.ToString(), one.GetProperty("id").GetString());
        Assert.Equal("<b>Hello</b>", one.GetProperty("content").GetString());
        var token = page.GetProperty("next_page_token").GetString();
        var next = await (await client.GetAsync($"/v2/past_meetings/{id}/chat?page_size=1&next_page_token={token}")).ExpectAsync(HttpStatusCode.OK);
        var two = Assert.Single(next.GetProperty("messages").EnumerateArray());
        Assert.Equal("p-greta", two.GetProperty("recipient_participant_id").GetString());

        var text = await client.GetAsync($"/v2/past_meetings/{id}/chat.txt");
        Assert.Equal(HttpStatusCode.OK, text.StatusCode);
        Assert.Equal("text/plain", text.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"confab-{id}-chat.txt", text.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(
            "2026-06-01 14:00:00 UTC From Greta to Everyone: <b>Hello</b>\n"
            + "2026-06-01 14:01:00 UTC From Ada to Greta (privately):\n\tCan you present?\n\tAfter Bob.\n",
            await text.Content.ReadAsStringAsync());

        // Someone else's meeting: the same 404 as a missing one.
        var (stranger, _, _) = await TestApi.NewUserAsync(_fixture);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/v2/past_meetings/{id}/chat")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/v2/past_meetings/{id}/chat.txt")).StatusCode);
    }
}

public sealed class SqliteMeetingSeriesAndExportApiTests(SqliteServerFixture fixture)
    : MeetingSeriesAndExportApiTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgresMeetingSeriesAndExportApiTests(PostgresServerFixture fixture)
    : MeetingSeriesAndExportApiTests(fixture), IClassFixture<PostgresServerFixture>;
