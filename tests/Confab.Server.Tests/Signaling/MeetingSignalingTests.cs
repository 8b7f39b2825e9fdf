using System.Net;
using System.Text.Json;
using Confab.Data.Database;
using Confab.Meetings.LiveState;
using Confab.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Confab.Server.Tests.Signaling;

/// <summary>The meeting signaling over /sfu/ws (docs/signaling.md) — join, waiting room, host controls, the end — on each database engine.</summary>
public abstract class MeetingSignalingTests
{
    private readonly ServerFixture _fixture;

    protected MeetingSignalingTests(ServerFixture fixture)
    {
        _fixture = fixture;
        fixture.EnsureAvailable();
    }

    internal sealed record Meeting(string Id, string Passcode, string LinkToken, string HostToken, HttpClient Host);

    private Task<Meeting> ScheduleAsync(bool waitingRoom) => ScheduleAsync(_fixture, waitingRoom);

    internal static async Task<Meeting> ScheduleAsync(ServerFixture fixture, bool waitingRoom)
    {
        var (client, _, token) = await TestApi.NewUserAsync(fixture);
        var meeting = await TestApi.CreateMeetingAsync(client, new
        {
            topic = "Signaling",
            type = 2,
            start_time = "2026-06-01T14:00:00Z",
            settings = new { waiting_room = waitingRoom },
        });
        var joinUrl = new Uri(meeting.GetProperty("join_url").GetString()!);
        var linkToken = System.Web.HttpUtility.ParseQueryString(joinUrl.Query)["pwd"]!;
        return new Meeting(TestApi.IdOf(meeting), meeting.GetProperty("password").GetString()!, linkToken, token, client);
    }

    private async Task<(SignalingTestClient Socket, string ParticipantId)> JoinAsync(object join, string expectedState)
    {
        var socket = await SignalingTestClient.ConnectAsync(_fixture);
        await socket.SendAsync(join);
        var joined = await socket.WaitForTypeAsync("joined");
        var state = await socket.WaitForTypeAsync("meeting-state");
        Assert.Equal(expectedState, state.GetProperty("state").GetString());
        return (socket, joined.GetProperty("participantId").GetString()!);
    }

    private Task<(SignalingTestClient Socket, string ParticipantId)> JoinAsHostAsync(Meeting m) =>
        JoinAsync(new { type = "join", v = 1, meetingId = m.Id, accessToken = m.HostToken, name = "Hana Host" }, "in-meeting");

    [SkippableFact]
    public async Task A_guest_with_the_link_waits_until_the_host_admits_and_then_sees_the_meeting()
    {
        var m = await ScheduleAsync(waitingRoom: true);
        var (host, hostId) = await JoinAsHostAsync(m);
        await using var hostSocket = host;

        var (guest, guestId) = await JoinAsync(new { type = "join", meetingId = m.Id, token = m.LinkToken, name = "Gus Guest" }, "waiting");
        await using var guestSocket = guest;
        var notice = await host.WaitForEventAsync("put-in-waiting-room", guestId);
        Assert.Equal("Gus Guest", notice.GetProperty("name").GetString());

        // In the waiting room: no media, no meeting.
        await guest.SendAsync(new { type = "publish-offer", sdp = "v=0" });
        Assert.Equal("not-admitted", await guest.WaitForErrorAsync());

        await host.SendAsync(new { type = "admit", participantId = guestId });
        await guest.WaitForEventAsync("admitted", guestId);
        var state = await guest.WaitForTypeAsync("meeting-state");
        Assert.Equal("in-meeting", state.GetProperty("state").GetString());
        Assert.Equal("guest", state.GetProperty("you").GetProperty("role").GetString());
        var names = state.GetProperty("participants").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(["Hana Host", "Gus Guest"], names);
        await host.WaitForEventAsync("participant-joined", guestId);

        // Admitted now: the media room welcomes the guest, with the host in it.
        var welcome = await guest.WaitForTypeAsync("welcome");
        Assert.Equal(guestId, welcome.GetProperty("peerId").GetString());
        Assert.Contains(welcome.GetProperty("peers").EnumerateArray(), p => p.GetProperty("peerId").GetString() == hostId);

        // Before admission the guest heard nothing of the meeting but its own waiting.
        var beforeAdmission = guest.Seen.TakeWhile(msg => !(SignalingTestClient.Type(msg) == "event" && msg.GetProperty("event").GetString() == "admitted")).ToList();
        Assert.DoesNotContain(beforeAdmission, msg => SignalingTestClient.Type(msg) is "welcome" or "peer-joined" or "subscribe-offer");
        Assert.DoesNotContain(beforeAdmission, msg => SignalingTestClient.Type(msg) == "event" && msg.GetProperty("event").GetString() == "participant-joined");

        await using var scope = _fixture.App.Services.CreateAsyncScope();
        var live = scope.ServiceProvider.GetRequiredService<ILiveStateStore>();
        Assert.Equal(2, (await live.GetParticipantsAsync(m.Id)).Count);
        Assert.Equal("started", (await live.GetMeetingStateAsync(m.Id))!.Status);
        var db = scope.ServiceProvider.GetRequiredService<ConfabDbContext>();
        Assert.Equal("started", (await db.Meetings.AsNoTracking().SingleAsync(r => r.MeetingId == m.Id)).Status);
    }

    [SkippableFact]
    public async Task The_passcode_admits_and_a_host_account_needs_none()
    {
        var m = await ScheduleAsync(waitingRoom: false);
        var (host, _) = await JoinAsHostAsync(m);
        await using var hostSocket = host;
        var (guest, _) = await JoinAsync(new { type = "join", meetingId = m.Id, passcode = m.Passcode, name = "Pat" }, "in-meeting");
        await using var guestSocket = guest;

        // The server now remembers that passcode as verified for this meeting: it admits again, and a wrong one is still refused.
        var (again, _) = await JoinAsync(new { type = "join", meetingId = m.Id, passcode = m.Passcode, name = "Sam" }, "in-meeting");
        await using var againSocket = again;
        await using var wrong = await SignalingTestClient.ConnectAsync(_fixture);
        await wrong.SendAsync(new { type = "join", meetingId = m.Id, passcode = m.Passcode + "0", name = "Eve" });
        Assert.Equal("join-refused", await wrong.WaitForErrorAsync());
    }

    public static TheoryData<string> HostActions => new()
    {
        """{"type":"mute","participantId":"TARGET"}""",
        """{"type":"mute-all"}""",
        """{"type":"ask-to-unmute","participantId":"TARGET"}""",
        """{"type":"stop-video","participantId":"TARGET"}""",
        """{"type":"remove","participantId":"TARGET"}""",
        """{"type":"rename","participantId":"TARGET","name":"X"}""",
        """{"type":"make-co-host","participantId":"TARGET"}""",
        """{"type":"make-host","participantId":"TARGET"}""",
        """{"type":"lock","locked":true}""",
        """{"type":"set-waiting-room","on":true}""",
        """{"type":"change-settings","settings":{"allowParticipantsUnmute":false}}""",
        """{"type":"send-to-waiting-room","participantId":"TARGET"}""",
        """{"type":"admit-all"}""",
        """{"type":"lower-hand","participantId":"TARGET"}""",
        """{"type":"end-for-all"}""",
    };

    [SkippableTheory]
    [MemberData(nameof(HostActions))]
    public async Task A_plain_participant_is_refused_every_host_action_and_nothing_changes(string action)
    {
        var m = await ScheduleAsync(waitingRoom: false);
        var (host, hostId) = await JoinAsHostAsync(m);
        await using var hostSocket = host;
        var (plain, _) = await JoinAsync(new { type = "join", meetingId = m.Id, passcode = m.Passcode, name = "Plain" }, "in-meeting");
        await using var plainSocket = plain;
        var (other, otherId) = await JoinAsync(new { type = "join", meetingId = m.Id, passcode = m.Passcode, name = "Other" }, "in-meeting");
        await using var otherSocket = other;
        await host.WaitForEventAsync("participant-joined", otherId);
        int hostSawBefore = host.Seen.Count;

        string target = action.Contains("make-host", StringComparison.Ordinal) || action.Contains("lower-hand", StringComparison.Ordinal) ? otherId : hostId;
        await plain.SendTextAsync(action.Replace("TARGET", target, StringComparison.Ordinal));
        var error = await plain.WaitForTypeAsync("error");
        Assert.Equal("not-allowed", error.GetProperty("code").GetString());

        // Nothing happened: a ping round trip later, the host heard no event, and the meeting goes on.
        await host.SendAsync(new { type = "ping" });
        await host.WaitForTypeAsync("pong");
        Assert.DoesNotContain(host.Seen.Skip(hostSawBefore), msg => SignalingTestClient.Type(msg) == "event");
        await host.SendAsync(new { type = "raise-hand" });
        await other.WaitForEventAsync("hand-raised", hostId);
    }

    [SkippableFact]
    public async Task A_removed_participant_is_disconnected_and_cannot_rejoin()
    {
        var m = await ScheduleAsync(waitingRoom: false);
        var (host, _) = await JoinAsHostAsync(m);
        await using var hostSocket = host;
        var (guest, guestId) = await JoinAsync(new { type = "join", meetingId = m.Id, token = m.LinkToken, name = "Rex" }, "in-meeting");
        await using var guestSocket = guest;

        await host.SendAsync(new { type = "remove", participantId = guestId });
        await guest.WaitForEventAsync("removed", guestId);
        Assert.Equal("removed", await guest.WaitForCloseAsync());
        await host.WaitForEventAsync("removed", guestId);

        await using var again = await SignalingTestClient.ConnectAsync(_fixture);
        await again.SendAsync(new { type = "join", meetingId = m.Id, token = m.LinkToken, name = "Rex" });
        // A guest has no account: a new guest join is a new person, so it gets in; a removed account does not.
        Assert.Equal("joined", SignalingTestClient.Type(await again.WaitForAsync(msg => SignalingTestClient.Type(msg) is "joined" or "error", "an answer")));
    }

    [SkippableFact]
    public async Task End_for_all_ends_the_meeting_everywhere_and_keeps_the_history()
    {
        var m = await ScheduleAsync(waitingRoom: false);
        var (host, _) = await JoinAsHostAsync(m);
        await using var hostSocket = host;
        var (guest, _) = await JoinAsync(new { type = "join", meetingId = m.Id, passcode = m.Passcode, name = "Ivy", device = "mobile" }, "in-meeting");
        await using var guestSocket = guest;

        await host.SendAsync(new { type = "end-for-all" });
        var ended = await guest.WaitForEventAsync("meeting-ended");
        Assert.Equal("ended-by-host", ended.GetProperty("reason").GetString());
        Assert.Equal("meeting-ended", await guest.WaitForCloseAsync());
        Assert.Equal("meeting-ended", await host.WaitForCloseAsync());

        var meeting = await (await m.Host.GetAsync($"/v2/meetings/{m.Id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("finished", meeting.GetProperty("status").GetString());
        var past = await (await m.Host.GetAsync($"/v2/past_meetings/{m.Id}/participants")).ExpectAsync(HttpStatusCode.OK);
        var rows = past.GetProperty("participants").EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.GetProperty("name").GetString() == "Ivy");
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r.GetProperty("leave_time").GetString())));

        await using var scope = _fixture.App.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<ILiveStateStore>().GetMeetingStateAsync(m.Id));
    }

    [SkippableFact]
    public async Task When_the_host_leaves_the_co_host_becomes_host_and_can_use_the_controls()
    {
        var m = await ScheduleAsync(waitingRoom: false);
        var (host, _) = await JoinAsHostAsync(m);
        // A signed-in co-host (guests never become host: the room's rule).
        var (_, _, coraToken) = await TestApi.NewUserAsync(_fixture);
        var (cohost, cohostId) = await JoinAsync(new { type = "join", meetingId = m.Id, passcode = m.Passcode, accessToken = coraToken, name = "Cora" }, "in-meeting");
        await using var cohostSocket = cohost;
        var (plain, plainId) = await JoinAsync(new { type = "join", meetingId = m.Id, passcode = m.Passcode, name = "Pip" }, "in-meeting");
        await using var plainSocket = plain;

        await host.SendAsync(new { type = "make-co-host", participantId = cohostId });
        var role = await plain.WaitForEventAsync("role-changed", cohostId);
        Assert.Equal("co-host", role.GetProperty("role").GetString());

        await host.SendAsync(new { type = "leave" });
        await host.DisposeAsync();
        var changed = await plain.WaitForEventAsync("host-changed", cohostId);
        Assert.Equal(cohostId, changed.GetProperty("participantId").GetString());

        // The new host's controls work.
        await cohost.SendAsync(new { type = "mute", participantId = plainId });
        await plain.WaitForEventAsync("muted", plainId);

        // The live state holds the change (recorded before it was announced).
        await using var scope = _fixture.App.Services.CreateAsyncScope();
        var participants = await scope.ServiceProvider.GetRequiredService<ILiveStateStore>().GetParticipantsAsync(m.Id);
        Assert.True(participants.Single(p => p.ParticipantId == plainId).Muted);
        Assert.Equal("host", participants.Single(p => p.ParticipantId == cohostId).Role);
    }

    [SkippableFact]
    public async Task A_lost_connection_keeps_its_media_peer_and_resumes_with_an_ice_restart_unseen_by_the_others()
    {
        var m = await ScheduleAsync(waitingRoom: false);
        var (host, _) = await JoinAsHostAsync(m);
        await using var hostSocket = host;
        var (guestId, token) = await GuestJoinsAndLosesItsSocketAsync(m, host);
        // The guest's media peer stays through the grace period: someone joining now meets it in its welcome.
        var (late, _) = await JoinAsync(new { type = "join", meetingId = m.Id, passcode = m.Passcode, name = "Late" }, "in-meeting");
        await using var lateSocket = late;
        var lateWelcome = await late.WaitForTypeAsync("welcome");
        Assert.Contains(lateWelcome.GetProperty("peers").EnumerateArray(), p => p.GetProperty("peerId").GetString() == guestId);

        await using var back = await SignalingTestClient.ConnectAsync(_fixture);
        await back.SendAsync(new { type = "resume", meetingId = m.Id, resumeToken = token, iceRestart = true });
        var resumed = await back.WaitForTypeAsync("resumed");
        Assert.Equal(guestId, resumed.GetProperty("participantId").GetString());
        Assert.NotEqual(token, resumed.GetProperty("resumeToken").GetString());
        var state = await back.WaitForTypeAsync("meeting-state");
        Assert.Equal(3, state.GetProperty("participants").GetArrayLength());
        // The same media peer, on the new socket, with the whole picture: the one who came meanwhile included.
        var welcome = await back.WaitForTypeAsync("welcome");
        Assert.True(welcome.GetProperty("iceRestart").GetBoolean());
        Assert.Equal(guestId, welcome.GetProperty("peerId").GetString());
        Assert.Equal(2, welcome.GetProperty("peers").GetArrayLength());
        Assert.Equal(0, back.Seen.TakeWhile(msg => SignalingTestClient.Type(msg) != "meeting-state").Count(msg => SignalingTestClient.Type(msg) == "welcome"));

        // The others saw no leave and no second join, of the participant or of its media.
        await back.SendAsync(new { type = "raise-hand" });
        await host.WaitForEventAsync("hand-raised", guestId);
        Assert.DoesNotContain(host.Seen, msg => IsPeerMessage(msg, "peer-left", guestId));
        Assert.Single(host.Seen, msg => IsPeerMessage(msg, "peer-joined", guestId));
        Assert.DoesNotContain(host.Seen, msg => SignalingTestClient.Type(msg) == "event" && msg.GetProperty("event").GetString() == "participant-left");
        Assert.Single(host.Seen, msg => SignalingTestClient.Type(msg) == "event" && msg.GetProperty("event").GetString() == "participant-joined"
            && msg.GetProperty("participantId").GetString() == guestId);
        Assert.False(await _fixture.App.Services.GetRequiredService<Confab.Server.Signaling.LiveMeetingRegistry>().Find(m.Id)!.IsDetachedAsync(guestId));
    }

    [SkippableFact]
    public async Task A_resume_without_ice_restart_is_the_same_participant_on_a_new_media_peer()
    {
        var m = await ScheduleAsync(waitingRoom: false);
        var (host, _) = await JoinAsHostAsync(m);
        await using var hostSocket = host;
        var (guestId, token) = await GuestJoinsAndLosesItsSocketAsync(m, host);
        Assert.DoesNotContain(host.Seen, msg => IsPeerMessage(msg, "peer-left", guestId));

        // A client that lost its peer connections (a reload) resumes without iceRestart: its media peer is rebuilt.
        await using var back = await SignalingTestClient.ConnectAsync(_fixture);
        await back.SendAsync(new { type = "resume", meetingId = m.Id, resumeToken = token });
        var resumed = await back.WaitForTypeAsync("resumed");
        Assert.Equal(guestId, resumed.GetProperty("participantId").GetString());
        var state = await back.WaitForTypeAsync("meeting-state");
        Assert.Equal("in-meeting", state.GetProperty("state").GetString());
        var welcome = await back.WaitForTypeAsync("welcome");
        Assert.False(welcome.TryGetProperty("iceRestart", out _));
        await host.WaitForAsync(msg => IsPeerMessage(msg, "peer-left", guestId), "the old media peer to go");
        await host.WaitForAsync(msg => IsPeerMessage(msg, "peer-joined", guestId), "the new media peer");

        // The others saw neither a leave nor a second join of the participant.
        Assert.DoesNotContain(host.Seen, msg => SignalingTestClient.Type(msg) == "event" && msg.GetProperty("event").GetString() == "participant-left");
        Assert.Single(host.Seen, msg => SignalingTestClient.Type(msg) == "event" && msg.GetProperty("event").GetString() == "participant-joined"
            && msg.GetProperty("participantId").GetString() == guestId);

        // The resumed participant acts as before, and the old token is spent.
        await back.SendAsync(new { type = "raise-hand" });
        await host.WaitForEventAsync("hand-raised", guestId);
        await using var replay = await SignalingTestClient.ConnectAsync(_fixture);
        await replay.SendAsync(new { type = "resume", meetingId = m.Id, resumeToken = token, iceRestart = true });
        Assert.Equal("resume-failed", await replay.WaitForErrorAsync());
        await replay.SendAsync(new { type = "resume", meetingId = m.Id, resumeToken = token, iceRestart = "yes" });
        Assert.Equal("bad-message", await replay.WaitForErrorAsync());
    }

    [SkippableFact]
    public async Task A_lost_connection_that_does_not_resume_leaves_after_the_grace_period()
    {
        var m = await ScheduleAsync(waitingRoom: false);
        var (host, _) = await JoinAsHostAsync(m);
        await using var hostSocket = host;
        var guest = await SignalingTestClient.ConnectAsync(_fixture);
        await guest.SendAsync(new { type = "join", meetingId = m.Id, passcode = m.Passcode, name = "Gone" });
        string guestId = (await guest.WaitForTypeAsync("joined")).GetProperty("participantId").GetString()!;
        await host.WaitForEventAsync("participant-joined", guestId);
        await host.WaitForAsync(msg => IsPeerMessage(msg, "peer-joined", guestId), "the guest's media");

        await guest.AbortAsync();
        await WaitUntilDetachedAsync(m.Id, guestId);
        Assert.DoesNotContain(host.Seen, msg => SignalingTestClient.Type(msg) == "event" && msg.GetProperty("event").GetString() == "participant-left");
        Assert.DoesNotContain(host.Seen, msg => IsPeerMessage(msg, "peer-left", guestId));

        _fixture.Time.Advance(TimeSpan.FromSeconds(61));
        await host.WaitForEventAsync("participant-left", guestId);
        await host.WaitForAsync(msg => IsPeerMessage(msg, "peer-left", guestId), "the media to go with the participant");
    }

    private static bool IsPeerMessage(JsonElement msg, string type, string peerId) =>
        SignalingTestClient.Type(msg) == type && msg.GetProperty("peerId").GetString() == peerId;

    // The server noticed the lost socket (a real condition, polled: nothing is sent to anyone when it does).
    // A guest joins (its media reaches the host), then its socket drops without a leave; returns its id and resume token
    // once the server holds it as detached.
    private async Task<(string GuestId, string ResumeToken)> GuestJoinsAndLosesItsSocketAsync(Meeting m, SignalingTestClient host)
    {
        var guest = await SignalingTestClient.ConnectAsync(_fixture);
        await guest.SendAsync(new { type = "join", meetingId = m.Id, passcode = m.Passcode, name = "Roam" });
        var joined = await guest.WaitForTypeAsync("joined");
        string guestId = joined.GetProperty("participantId").GetString()!;
        string token = joined.GetProperty("resumeToken").GetString()!;
        await guest.WaitForTypeAsync("welcome");
        await host.WaitForAsync(msg => IsPeerMessage(msg, "peer-joined", guestId), "the guest's media");

        await guest.AbortAsync();
        await WaitUntilDetachedAsync(m.Id, guestId);
        return (guestId, token);
    }

    private async Task WaitUntilDetachedAsync(string meetingId, string participantId)
    {
        var meeting = _fixture.App.Services.GetRequiredService<Confab.Server.Signaling.LiveMeetingRegistry>().Find(meetingId)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await meeting.IsDetachedAsync(participantId))
        {
            Assert.False(timeout.IsCancellationRequested, "the server did not notice the lost socket");
            await Task.Delay(20);
        }
    }

    [SkippableFact]
    public async Task The_free_plan_warns_ten_minutes_before_its_40_minute_cap_and_then_ends_the_meeting()
    {
        var m = await ScheduleAsync(waitingRoom: false);
        var (host, _) = await JoinAsHostAsync(m);
        await using var hostSocket = host;
        var (a, _) = await JoinAsync(new { type = "join", meetingId = m.Id, passcode = m.Passcode, name = "A" }, "in-meeting");
        await using var aSocket = a;
        var (b, _) = await JoinAsync(new { type = "join", meetingId = m.Id, passcode = m.Passcode, name = "B" }, "in-meeting");
        await using var bSocket = b;

        // The cap's clock starts with the third person (a free host's group meeting).
        _fixture.Time.Advance(TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(1));
        var warning = await b.WaitForEventAsync("time-limit-warning");
        Assert.InRange(warning.GetProperty("remainingSeconds").GetInt32(), 1, 600);
        _fixture.Time.Advance(TimeSpan.FromMinutes(10));
        var ended = await a.WaitForEventAsync("meeting-ended");
        Assert.Equal("time-limit-reached", ended.GetProperty("reason").GetString());
        Assert.Equal("meeting-ended", await host.WaitForCloseAsync());
    }

    [SkippableFact]
    public async Task Bad_joins_are_refused_with_a_reason()
    {
        await using var socket = await SignalingTestClient.ConnectAsync(_fixture);
        string[] bad =
        [
            """{"type":"join","meetingId":"12ab"}""",
            """{"type":"join","meetingId":"12345678901","name":7}""",
            """{"type":"join","meetingId":"12345678901","device":"toaster"}""",
            """{"type":"join","meetingId":"12345678901","video":"everything"}""",
            """{"type":"join","meetingId":"12345678901","video":3}""",
            """{"type":"join","meetingId":"12345678901","v":2}""",
            """{"type":"join","meetingId":"12345678901","muted":"yes"}""",
            """{"type":"join","meetingId":"12345678901","name":"x","accessToken":"not-a-jwt"}""",
        ];
        foreach (var message in bad)
        {
            await socket.SendTextAsync(message);
            Assert.Contains(await socket.WaitForErrorAsync(), new[] { "bad-message", "unauthorized" });
        }
        await socket.SendTextAsync("""{"type":"mute-all"}""");
        Assert.Equal("not-joined", await socket.WaitForErrorAsync());
    }
}

public sealed class SqliteMeetingSignalingTests(SqliteServerFixture fixture)
    : MeetingSignalingTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgresMeetingSignalingTests(PostgresServerFixture fixture)
    : MeetingSignalingTests(fixture), IClassFixture<PostgresServerFixture>;
