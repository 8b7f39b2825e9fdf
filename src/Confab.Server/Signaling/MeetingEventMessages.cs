using Confab.Meetings.Chat;
using Confab.Meetings.Rooms;

namespace Confab.Server.Signaling;

/// <summary>Who hears of an event (docs/signaling.md, events).</summary>
[Flags]
internal enum EventAudience
{
    /// <summary>The person the event is about.</summary>
    Subject = 1,
    /// <summary>Hosts and co-hosts in the meeting (waiting-room notices).</summary>
    Hosts = 2,
    /// <summary>Everyone admitted to the live meeting.</summary>
    InMeeting = 4,
    /// <summary>Every connection, waiting or not.</summary>
    Everyone = 8,
}

/// <summary>A room event as the socket sends it: <c>{"type": "event", "event": ..., ...}</c>, and who gets it.</summary>
internal sealed record EventMessage(object Body, string? Subject, EventAudience Audience);

internal static class MeetingEventMessages
{
    public static EventMessage From(RoomEvent e, Func<string, string?> nameOf, Func<string, RoomParticipant?> find) => e switch
    {
        MeetingStarted m => new(new { type = "event", @event = "meeting-started", at = m.At }, null, EventAudience.Everyone),
        MeetingEnded m => new(new { type = "event", @event = "meeting-ended", reason = Kebab(m.Reason.ToString()) }, null, EventAudience.Everyone),
        TimeLimitWarning m => new(new { type = "event", @event = "time-limit-warning", remainingSeconds = (int)m.Remaining.TotalSeconds }, null, EventAudience.InMeeting),
        ParticipantJoined m => new(new
        {
            type = "event", @event = "participant-joined", participantId = m.ParticipantId, name = m.DisplayName, role = Role(m.Role),
            muted = find(m.ParticipantId)?.Muted ?? false, videoOn = find(m.ParticipantId)?.VideoOn ?? true,
        },
            m.ParticipantId, EventAudience.InMeeting),
        ParticipantLeft m => new(new { type = "event", @event = "participant-left", participantId = m.ParticipantId }, null, EventAudience.InMeeting),
        HeldUntilHostArrives m => new(new { type = "event", @event = "waiting-for-host", participantId = m.ParticipantId }, m.ParticipantId, EventAudience.Subject),
        PutInWaitingRoom m => new(new { type = "event", @event = "put-in-waiting-room", participantId = m.ParticipantId, name = nameOf(m.ParticipantId), by = m.By },
            m.ParticipantId, EventAudience.Subject | EventAudience.Hosts),
        LeftWaitingRoom m => new(new { type = "event", @event = "left-waiting-room", participantId = m.ParticipantId }, m.ParticipantId, EventAudience.Hosts),
        Admitted m => new(new { type = "event", @event = "admitted", participantId = m.ParticipantId, by = m.By }, m.ParticipantId, EventAudience.Subject | EventAudience.Hosts),
        Denied m => new(new { type = "event", @event = "denied", participantId = m.ParticipantId, by = m.By }, m.ParticipantId, EventAudience.Subject | EventAudience.Hosts),
        Muted m => new(new { type = "event", @event = "muted", participantId = m.ParticipantId, by = m.By }, m.ParticipantId, EventAudience.InMeeting),
        Unmuted m => new(new { type = "event", @event = "unmuted", participantId = m.ParticipantId }, m.ParticipantId, EventAudience.InMeeting),
        UnmuteRequested m => new(new { type = "event", @event = "unmute-requested", participantId = m.ParticipantId, by = m.By }, m.ParticipantId, EventAudience.Subject),
        VideoStarted m => new(new { type = "event", @event = "video-started", participantId = m.ParticipantId }, m.ParticipantId, EventAudience.InMeeting),
        VideoStopped m => new(new { type = "event", @event = "video-stopped", participantId = m.ParticipantId, by = m.By }, m.ParticipantId, EventAudience.InMeeting),
        Removed m => new(new { type = "event", @event = "removed", participantId = m.ParticipantId, by = m.By }, m.ParticipantId, EventAudience.Subject | EventAudience.InMeeting),
        Renamed m => new(new { type = "event", @event = "renamed", participantId = m.ParticipantId, name = m.DisplayName, by = m.By }, m.ParticipantId, EventAudience.InMeeting),
        RoleChanged m => new(new { type = "event", @event = "role-changed", participantId = m.ParticipantId, role = Role(m.Role) }, m.ParticipantId, EventAudience.InMeeting),
        HostChanged m => new(new { type = "event", @event = "host-changed", participantId = m.NewHostId, previous = m.PreviousHostId }, m.NewHostId, EventAudience.InMeeting),
        LockChanged m => new(new { type = "event", @event = "lock-changed", locked = m.Locked, by = m.By }, null, EventAudience.InMeeting),
        WaitingRoomToggled m => new(new { type = "event", @event = "waiting-room-changed", on = m.On, by = m.By }, null, EventAudience.InMeeting),
        SettingsChanged m => new(new { type = "event", @event = "settings-changed", settings = Settings(m.Settings), by = m.By }, null, EventAudience.InMeeting),
        ShareStarted m => new(new { type = "event", @event = "share-started", participantId = m.ParticipantId }, m.ParticipantId, EventAudience.InMeeting),
        ShareStopped m => new(new { type = "event", @event = "share-stopped", participantId = m.ParticipantId }, m.ParticipantId, EventAudience.InMeeting),
        HandRaised m => new(new { type = "event", @event = "hand-raised", participantId = m.ParticipantId }, m.ParticipantId, EventAudience.InMeeting),
        HandLowered m => new(new { type = "event", @event = "hand-lowered", participantId = m.ParticipantId, by = m.By }, m.ParticipantId, EventAudience.InMeeting),
        Reaction m => new(new { type = "event", @event = "reaction", participantId = m.ParticipantId, emoji = m.Emoji }, m.ParticipantId, EventAudience.InMeeting),
        _ => new(new { type = "event", @event = Kebab(e.GetType().Name) }, null, EventAudience.InMeeting),
    };

    public static object Settings(RoomSettings s) => new
    {
        waitingRoom = s.WaitingRoomOn,
        muteOnEntry = s.MuteOnEntry,
        joinBeforeHost = s.JoinBeforeHost,
        allowParticipantsUnmute = s.AllowParticipantsUnmute,
        allowRenameSelf = s.AllowRenameSelf,
        screenShare = s.ScreenShare == ScreenShareMode.Many ? "many" : "one",
        locked = s.Locked,
        allowRemovedToRejoin = s.AllowRemovedToRejoin,
        chatWith = s.ChatWith.ToWire(),
        chatHistoryForLateJoiners = s.ChatHistoryForLateJoiners,
    };

    public static string Role(RoomRole role) => role switch
    {
        RoomRole.Host => "host",
        RoomRole.CoHost => "co-host",
        RoomRole.Guest => "guest",
        _ => "participant",
    };

    public static object Participant(RoomParticipant p) => new
    {
        participantId = p.ParticipantId,
        name = p.DisplayName,
        role = Role(p.Role),
        muted = p.Muted,
        videoOn = p.VideoOn,
        handRaised = p.HandRaised,
        sharing = p.Sharing,
        joinedAt = p.JoinedAt,
    };

    /// <summary>"NotAllowed" → "not-allowed".</summary>
    public static string Kebab(string pascal)
    {
        var builder = new System.Text.StringBuilder(pascal.Length + 4);
        for (int i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0)
            {
                builder.Append('-');
            }
            builder.Append(char.ToLowerInvariant(pascal[i]));
        }
        return builder.ToString();
    }
}
