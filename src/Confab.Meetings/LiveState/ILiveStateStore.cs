namespace Confab.Meetings.LiveState;

/// <summary>
/// Live meeting state, with the key layout of the design (seed §5.1): <c>meeting:{id}:state</c> (hash),
/// <c>meeting:{id}:participants</c> (hash of JSON), <c>presence:{user}</c> (hash, TTL refreshed by heartbeat),
/// <c>user_connection:{user}</c>, <c>meeting_sfu:{id}</c>, <c>meeting:{id}:waiting_room</c> (list) and
/// <c>meeting:{id}:breakout_rooms</c>. In memory on the embedded default, in Redis when configured.
/// </summary>
public interface ILiveStateStore
{
    /// <summary>True when the backing store answers.</summary>
    Task<bool> PingAsync(CancellationToken ct = default);

    Task SetMeetingStateAsync(string meetingId, MeetingLiveState state, CancellationToken ct = default);
    Task<MeetingLiveState?> GetMeetingStateAsync(string meetingId, CancellationToken ct = default);

    /// <summary>Atomically adds <paramref name="delta"/> to participant_count; returns the new count.</summary>
    Task<long> AddParticipantCountAsync(string meetingId, long delta, CancellationToken ct = default);

    /// <summary>Removes every key of the meeting (state, participants, waiting room, SFU mapping, breakout rooms).</summary>
    Task RemoveMeetingAsync(string meetingId, CancellationToken ct = default);

    Task SetParticipantAsync(string meetingId, LiveParticipant participant, CancellationToken ct = default);
    Task<bool> RemoveParticipantAsync(string meetingId, string participantId, CancellationToken ct = default);
    Task<IReadOnlyList<LiveParticipant>> GetParticipantsAsync(string meetingId, CancellationToken ct = default);

    /// <summary>Sets presence with a time to live; a heartbeat calls it again to refresh.</summary>
    Task SetPresenceAsync(string userId, Presence presence, TimeSpan ttl, CancellationToken ct = default);
    Task<Presence?> GetPresenceAsync(string userId, CancellationToken ct = default);
    Task RemovePresenceAsync(string userId, CancellationToken ct = default);

    Task SetUserConnectionAsync(string userId, string signalingServer, CancellationToken ct = default);
    Task<string?> GetUserConnectionAsync(string userId, CancellationToken ct = default);
    Task RemoveUserConnectionAsync(string userId, CancellationToken ct = default);

    Task SetMeetingSfuAsync(string meetingId, string sfuServer, CancellationToken ct = default);
    Task<string?> GetMeetingSfuAsync(string meetingId, CancellationToken ct = default);

    /// <summary>Appends to the waiting room (FIFO); a participant already waiting is not added twice.</summary>
    Task EnqueueWaitingAsync(string meetingId, WaitingEntry entry, CancellationToken ct = default);
    Task<IReadOnlyList<WaitingEntry>> GetWaitingRoomAsync(string meetingId, CancellationToken ct = default);
    /// <summary>Removes one waiting participant; false when it was not waiting.</summary>
    Task<bool> RemoveWaitingAsync(string meetingId, string participantId, CancellationToken ct = default);

    /// <summary>Replaces the meeting's breakout rooms (room id → JSON of the room).</summary>
    Task SetBreakoutRoomsAsync(string meetingId, IReadOnlyDictionary<string, string> rooms, CancellationToken ct = default);
    Task<IReadOnlyDictionary<string, string>> GetBreakoutRoomsAsync(string meetingId, CancellationToken ct = default);
}
