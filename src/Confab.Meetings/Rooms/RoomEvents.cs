namespace Confab.Meetings.Rooms;

public enum RoomStatus
{
    /// <summary>Join before host is off and the host has not arrived: people wait, no media flows.</summary>
    WaitingForHost,
    Live,
    Ended,
}

public enum MeetingEndReason
{
    EndedByHost,
    EndedByApi,
    EmptyGracePeriodExpired,
    TimeLimitReached,
}

/// <summary>Something that happened in a meeting, for the server to broadcast. <c>By</c> is the actor's participant id.</summary>
public abstract record RoomEvent;

public sealed record MeetingStarted(DateTimeOffset At) : RoomEvent;
public sealed record MeetingEnded(MeetingEndReason Reason) : RoomEvent;
public sealed record TimeLimitWarning(TimeSpan Remaining) : RoomEvent;
public sealed record ParticipantJoined(string ParticipantId, string DisplayName, RoomRole Role) : RoomEvent;
public sealed record ParticipantLeft(string ParticipantId) : RoomEvent;
public sealed record HeldUntilHostArrives(string ParticipantId) : RoomEvent;
public sealed record PutInWaitingRoom(string ParticipantId, string? By) : RoomEvent;
public sealed record LeftWaitingRoom(string ParticipantId) : RoomEvent;
public sealed record Admitted(string ParticipantId, string By) : RoomEvent;
public sealed record Denied(string ParticipantId, string By) : RoomEvent;
public sealed record Muted(string ParticipantId, string By) : RoomEvent;
public sealed record Unmuted(string ParticipantId) : RoomEvent;
public sealed record UnmuteRequested(string ParticipantId, string By) : RoomEvent;
public sealed record VideoStarted(string ParticipantId) : RoomEvent;
public sealed record VideoStopped(string ParticipantId, string By) : RoomEvent;
public sealed record Removed(string ParticipantId, string By) : RoomEvent;
public sealed record Renamed(string ParticipantId, string DisplayName, string By) : RoomEvent;
public sealed record RoleChanged(string ParticipantId, RoomRole Role) : RoomEvent;
public sealed record HostChanged(string NewHostId, string? PreviousHostId) : RoomEvent;
public sealed record LockChanged(bool Locked, string By) : RoomEvent;
public sealed record WaitingRoomToggled(bool On, string By) : RoomEvent;
public sealed record SettingsChanged(RoomSettings Settings, string By) : RoomEvent;
public sealed record ShareStarted(string ParticipantId) : RoomEvent;
public sealed record ShareStopped(string ParticipantId) : RoomEvent;
public sealed record HandRaised(string ParticipantId) : RoomEvent;
public sealed record HandLowered(string ParticipantId, string By) : RoomEvent;
public sealed record Reaction(string ParticipantId, string Emoji) : RoomEvent;
