namespace Confab.Data.LiveState;

/// <summary>
/// Key names of the live state, exactly as the design lays them out (seed §5.1, "Redis data structures",
/// and §5.3 for breakout rooms). The braces of the design are placeholders, not Redis Cluster hash tags.
/// </summary>
internal static class LiveStateKeys
{
    /// <summary><c>meeting:{id}:state</c> — hash of <see cref="StateFields"/>.</summary>
    public static string MeetingState(string meetingId) => $"meeting:{meetingId}:state";

    /// <summary><c>meeting:{id}:participants</c> — hash, participant id → JSON of the participant.</summary>
    public static string Participants(string meetingId) => $"meeting:{meetingId}:participants";

    /// <summary><c>meeting:{id}:waiting_room</c> — list of JSON entries, oldest first.</summary>
    public static string WaitingRoom(string meetingId) => $"meeting:{meetingId}:waiting_room";

    /// <summary><c>meeting:{id}:breakout_rooms</c> — hash, room id → JSON of the room.</summary>
    public static string BreakoutRooms(string meetingId) => $"meeting:{meetingId}:breakout_rooms";

    /// <summary><c>meeting_sfu:{id}</c> — string, the SFU node hosting the meeting.</summary>
    public static string MeetingSfu(string meetingId) => $"meeting_sfu:{meetingId}";

    /// <summary><c>presence:{user}</c> — hash of <see cref="PresenceFields"/>, with a time to live.</summary>
    public static string Presence(string userId) => $"presence:{userId}";

    /// <summary><c>user_connection:{user}</c> — string, the signaling server holding the user's socket.</summary>
    public static string UserConnection(string userId) => $"user_connection:{userId}";

    /// <summary>Every key that belongs to one meeting (what removing the meeting deletes).</summary>
    public static string[] AllOfMeeting(string meetingId) =>
    [
        MeetingState(meetingId),
        Participants(meetingId),
        WaitingRoom(meetingId),
        BreakoutRooms(meetingId),
        MeetingSfu(meetingId),
    ];
}

/// <summary>Field names of the <c>meeting:{id}:state</c> hash.</summary>
internal static class StateFields
{
    public const string Status = "status";
    public const string HostId = "host_id";
    /// <summary>Unix time, whole seconds.</summary>
    public const string StartTime = "start_time";
    public const string ParticipantCount = "participant_count";
    /// <summary>"true" or "false".</summary>
    public const string Recording = "recording";
    /// <summary>Absent when no SFU is assigned.</summary>
    public const string SfuServer = "sfu_server";
}

/// <summary>Field names of the <c>presence:{user}</c> hash.</summary>
internal static class PresenceFields
{
    public const string Status = "status";
    /// <summary>Absent when the user is in no meeting.</summary>
    public const string MeetingId = "meeting_id";
    public const string Device = "device";
    /// <summary>Unix time, whole seconds.</summary>
    public const string LastActive = "last_active";
}
