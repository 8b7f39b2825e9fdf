using Confab.Meetings.LiveState;

namespace Confab.Server.Tests.Operations;

/// <summary>A live-state store that only answers pings (with a fixed answer); enough for the health check.</summary>
internal sealed class FakeLiveStateStore(bool reachable) : ILiveStateStore
{
    public Task<bool> PingAsync(CancellationToken ct = default) => Task.FromResult(reachable);

    public Task SetMeetingStateAsync(string meetingId, MeetingLiveState state, CancellationToken ct = default) => throw new NotSupportedException();
    public Task<MeetingLiveState?> GetMeetingStateAsync(string meetingId, CancellationToken ct = default) => throw new NotSupportedException();
    public Task<long> AddParticipantCountAsync(string meetingId, long delta, CancellationToken ct = default) => throw new NotSupportedException();
    public Task RemoveMeetingAsync(string meetingId, CancellationToken ct = default) => Task.CompletedTask;
    public Task SetParticipantAsync(string meetingId, LiveParticipant participant, CancellationToken ct = default) => throw new NotSupportedException();
    public Task<bool> RemoveParticipantAsync(string meetingId, string participantId, CancellationToken ct = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<LiveParticipant>> GetParticipantsAsync(string meetingId, CancellationToken ct = default) => throw new NotSupportedException();
    public Task SetPresenceAsync(string userId, Presence presence, TimeSpan ttl, CancellationToken ct = default) => throw new NotSupportedException();
    public Task<Presence?> GetPresenceAsync(string userId, CancellationToken ct = default) => throw new NotSupportedException();
    public Task RemovePresenceAsync(string userId, CancellationToken ct = default) => throw new NotSupportedException();
    public Task SetUserConnectionAsync(string userId, string signalingServer, CancellationToken ct = default) => throw new NotSupportedException();
    public Task<string?> GetUserConnectionAsync(string userId, CancellationToken ct = default) => throw new NotSupportedException();
    public Task RemoveUserConnectionAsync(string userId, CancellationToken ct = default) => throw new NotSupportedException();
    public Task SetMeetingSfuAsync(string meetingId, string sfuServer, CancellationToken ct = default) => throw new NotSupportedException();
    public Task<string?> GetMeetingSfuAsync(string meetingId, CancellationToken ct = default) => throw new NotSupportedException();
    public Task EnqueueWaitingAsync(string meetingId, WaitingEntry entry, CancellationToken ct = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<WaitingEntry>> GetWaitingRoomAsync(string meetingId, CancellationToken ct = default) => throw new NotSupportedException();
    public Task<bool> RemoveWaitingAsync(string meetingId, string participantId, CancellationToken ct = default) => throw new NotSupportedException();
    public Task SetBreakoutRoomsAsync(string meetingId, IReadOnlyDictionary<string, string> rooms, CancellationToken ct = default) => throw new NotSupportedException();
    public Task<IReadOnlyDictionary<string, string>> GetBreakoutRoomsAsync(string meetingId, CancellationToken ct = default) => throw new NotSupportedException();
}
