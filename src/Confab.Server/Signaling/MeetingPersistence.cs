using Confab.Data.Database;
using Confab.Data.Model;
using Confab.Meetings.LiveState;
using Confab.Meetings.Rooms;
using Confab.Server.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Confab.Server.Signaling;

/// <summary>
/// Writes what a live meeting does where it outlives the meeting or is read by other servers: the meeting's status
/// and the <c>meeting_participants</c> history rows in the database, and the seed's live-state keys (state hash,
/// participants hash, waiting room, presence, user connection, meeting SFU). A failing store is logged, never
/// fatal to the meeting.
/// </summary>
internal sealed class MeetingPersistence(IServiceScopeFactory scopes, ILiveStateStore live, Cluster.ClusterNode node, TimeProvider time,
    ILogger<MeetingPersistence> logger)
{
    /// <summary>Presence lives this long without a heartbeat (seed §5.1).</summary>
    public static readonly TimeSpan PresenceTtl = TimeSpan.FromSeconds(60);

    /// <summary>This server's name in <c>user_connection</c> and <c>meeting_sfu</c>.</summary>
    public string NodeName => node.Name;

    // Open history rows: participant id → row id.
    private readonly Dictionary<(string Meeting, string Participant), Guid> _openRows = [];
    private readonly Lock _rowsLock = new();

    public async Task RecordAsync(string meetingId, MeetingRoom room, IReadOnlyList<RoomEvent> events, Func<string, MeetingConnection?> connectionOf)
    {
        if (!events.Any(IsRecorded))
        {
            return; // hands, reactions, shares, settings: nothing kept beyond the live meeting
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ConfabDbContext>();
            var now = time.GetUtcNow();
            foreach (var e in events)
            {
                switch (e)
                {
                    case MeetingStarted started:
                        await SetMeetingStatusAsync(db, meetingId, MeetingKinds.StatusStarted, null);
                        await live.SetMeetingSfuAsync(meetingId, NodeName);
                        break;
                    case ParticipantJoined joined when room.Find(joined.ParticipantId) is { } p:
                        var connection = connectionOf(p.ParticipantId);
                        var row = new MeetingParticipantRecord
                        {
                            Id = Guid.NewGuid(),
                            MeetingId = meetingId,
                            UserId = Guid.TryParse(p.UserId, out var userId) ? userId : null,
                            DisplayName = p.DisplayName,
                            JoinTime = now.UtcDateTime,
                            DeviceType = connection?.Device ?? p.Device,
                            Role = MeetingEventMessages.Role(p.Role),
                        };
                        db.MeetingParticipants.Add(row);
                        lock (_rowsLock)
                        {
                            _openRows[(meetingId, p.ParticipantId)] = row.Id;
                        }
                        await live.SetParticipantAsync(meetingId, Live(p));
                        await live.RemoveWaitingAsync(meetingId, p.ParticipantId);
                        break;
                    case ParticipantLeft left:
                        await CloseRowAsync(db, meetingId, left.ParticipantId, now);
                        await live.RemoveParticipantAsync(meetingId, left.ParticipantId);
                        break;
                    case PutInWaitingRoom waiting when room.WaitingRoom.FirstOrDefault(w => w.ParticipantId == waiting.ParticipantId) is { } w:
                        await CloseRowAsync(db, meetingId, waiting.ParticipantId, now);
                        await live.RemoveParticipantAsync(meetingId, waiting.ParticipantId);
                        await live.EnqueueWaitingAsync(meetingId, new WaitingEntry(w.ParticipantId, w.Request.UserId, w.Request.DisplayName, w.Since));
                        break;
                    case LeftWaitingRoom or Denied:
                        await live.RemoveWaitingAsync(meetingId, e is LeftWaitingRoom l ? l.ParticipantId : ((Denied)e).ParticipantId);
                        break;
                    case Removed removed:
                        await CloseRowAsync(db, meetingId, removed.ParticipantId, now);
                        await live.RemoveParticipantAsync(meetingId, removed.ParticipantId);
                        break;
                    case RoleChanged or Muted or Unmuted or VideoStarted or VideoStopped or Renamed
                        when ChangedParticipant(e) is { } changedId && room.Find(changedId) is { } changed:
                        await live.SetParticipantAsync(meetingId, Live(changed));
                        break;
                    case MeetingEnded:
                        List<string> open;
                        lock (_rowsLock)
                        {
                            open = [.. _openRows.Keys.Where(k => k.Meeting == meetingId).Select(k => k.Participant)];
                        }
                        foreach (var participantId in open)
                        {
                            await CloseRowAsync(db, meetingId, participantId, now);
                        }
                        await SetMeetingStatusAsync(db, meetingId, MeetingKinds.StatusEnded, now.UtcDateTime);
                        await live.RemoveMeetingAsync(meetingId);
                        break;
                }
            }
            await db.SaveChangesAsync();
            if (room.Status == RoomStatus.Live && room.StartedAt is { } startedAt && events.Any(ChangesMeetingState))
            {
                await live.SetMeetingStateAsync(meetingId, new MeetingLiveState(
                    "started", room.HostParticipantId ?? "", startedAt, room.Participants.Count, false, NodeName));
            }
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or TimeoutException
            or StackExchange.Redis.RedisException or System.Data.Common.DbException)
        {
            logger.LogError(e, "Meeting {Meeting}: recording its history or live state failed", meetingId);
        }
    }

    /// <summary>A heartbeat: presence (TTL <see cref="PresenceTtl"/>) and the user's signaling server.</summary>
    /// <param name="signalingNode">The node holding the client's socket when it is not this one (a relayed client, docs/adr/0012).</param>
    public async Task TouchPresenceAsync(string meetingId, MeetingConnection connection, string? signalingNode = null)
    {
        try
        {
            string key = connection.UserId ?? $"guest:{connection.ParticipantId}";
            await live.SetPresenceAsync(key, new Presence("in_meeting", meetingId, connection.Device, time.GetUtcNow()), PresenceTtl);
            await live.SetUserConnectionAsync(key, signalingNode ?? NodeName);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or StackExchange.Redis.RedisException)
        {
            logger.LogWarning(e, "Presence of {Participant} could not be written", connection.ParticipantId);
        }
    }

    public async Task ForgetPresenceAsync(MeetingConnection connection)
    {
        try
        {
            string key = connection.UserId ?? $"guest:{connection.ParticipantId}";
            await live.RemovePresenceAsync(key);
            await live.RemoveUserConnectionAsync(key);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or StackExchange.Redis.RedisException)
        {
            logger.LogWarning(e, "Presence of {Participant} could not be removed", connection.ParticipantId);
        }
    }

    // What RecordAsync writes something for.
    private static bool IsRecorded(RoomEvent e) => e is MeetingStarted or MeetingEnded or ParticipantJoined or ParticipantLeft
        or PutInWaitingRoom or LeftWaitingRoom or Denied or Removed or RoleChanged or Muted or Unmuted or VideoStarted or VideoStopped
        or Renamed or HostChanged;

    // What the meeting:{id}:state hash holds: status, host, participant count.
    private static bool ChangesMeetingState(RoomEvent e) =>
        e is MeetingStarted or ParticipantJoined or ParticipantLeft or PutInWaitingRoom or Removed or HostChanged;

    // The participant whose field of the participants hash an event changes.
    private static string? ChangedParticipant(RoomEvent e) => e switch
    {
        RoleChanged r => r.ParticipantId,
        Muted m => m.ParticipantId,
        Unmuted u => u.ParticipantId,
        VideoStarted v => v.ParticipantId,
        VideoStopped v => v.ParticipantId,
        Renamed r => r.ParticipantId,
        _ => null,
    };

    private static LiveParticipant Live(RoomParticipant p) =>
        new(p.ParticipantId, p.UserId, p.DisplayName, MeetingEventMessages.Role(p.Role), p.Muted, p.VideoOn, p.JoinedAt);

    private async Task CloseRowAsync(ConfabDbContext db, string meetingId, string participantId, DateTimeOffset now)
    {
        Guid rowId;
        lock (_rowsLock)
        {
            if (!_openRows.Remove((meetingId, participantId), out rowId))
            {
                return;
            }
        }
        var row = db.MeetingParticipants.Local.FirstOrDefault(r => r.Id == rowId) ?? await db.MeetingParticipants.FindAsync(rowId);
        if (row is { JoinTime: { } joined })
        {
            row.LeaveTime = now.UtcDateTime;
            row.DurationMins = (int)Math.Round((now.UtcDateTime - joined).TotalMinutes);
        }
    }

    private static async Task SetMeetingStatusAsync(ConfabDbContext db, string meetingId, string status, DateTime? endedAt)
    {
        var meeting = await db.Meetings.SingleOrDefaultAsync(m => m.MeetingId == meetingId);
        if (meeting is not null)
        {
            meeting.Status = status;
            meeting.EndedAt = endedAt;
            meeting.UpdatedAt = endedAt ?? meeting.UpdatedAt;
        }
    }
}
