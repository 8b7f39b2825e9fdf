using System.Collections.Concurrent;
using Confab.Meetings.LiveState;

namespace Confab.Data.LiveState;

/// <summary>
/// Live state in this process, for the embedded single-server default. Same semantics as
/// <see cref="RedisLiveStateStore"/>: times in the state and presence hashes are kept to the whole second, a
/// meeting is locked on its own (meetings never wait on each other), presence expires on the injected clock,
/// and what is emptied or expired is dropped so memory follows the live meetings and users only.
/// </summary>
public sealed class InMemoryLiveStateStore : ILiveStateStore
{
    private readonly ConcurrentDictionary<string, InMemoryMeeting> _meetings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _userConnections = new(StringComparer.Ordinal);
    private readonly InMemoryPresenceTable _presence;

    public InMemoryLiveStateStore(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _presence = new InMemoryPresenceTable(timeProvider);
    }

    public InMemoryLiveStateStore()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Meetings holding any state (for tests of the memory bound).</summary>
    internal int MeetingEntryCount => _meetings.Count;

    /// <summary>Presence entries held, expired ones not yet purged included.</summary>
    internal int PresenceEntryCount => _presence.Count;

    public Task<bool> PingAsync(CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(true);
    }

    public Task SetMeetingStateAsync(string meetingId, MeetingLiveState state, CancellationToken ct = default)
    {
        LiveStateArguments.Id(meetingId, nameof(meetingId));
        LiveStateArguments.State(state, nameof(state));
        ct.ThrowIfCancellationRequested();

        var stored = state with { StartTime = UnixSeconds.Truncate(state.StartTime), ParticipantCount = 0 };
        Update(meetingId, meeting =>
        {
            meeting.State = stored;
            meeting.ParticipantCount = state.ParticipantCount;
            return true;
        });
        return Task.CompletedTask;
    }

    public Task<MeetingLiveState?> GetMeetingStateAsync(string meetingId, CancellationToken ct = default)
    {
        LiveStateArguments.Id(meetingId, nameof(meetingId));
        ct.ThrowIfCancellationRequested();

        var state = Read(meetingId, meeting => meeting.State is null
            ? null
            : meeting.State with { ParticipantCount = meeting.ParticipantCount ?? 0 });
        return Task.FromResult(state);
    }

    public Task<long> AddParticipantCountAsync(string meetingId, long delta, CancellationToken ct = default)
    {
        LiveStateArguments.Id(meetingId, nameof(meetingId));
        ct.ThrowIfCancellationRequested();

        long count = Update(meetingId, meeting =>
        {
            long updated = checked((meeting.ParticipantCount ?? 0) + delta);
            meeting.ParticipantCount = updated;
            return updated;
        });
        return Task.FromResult(count);
    }

    public Task RemoveMeetingAsync(string meetingId, CancellationToken ct = default)
    {
        LiveStateArguments.Id(meetingId, nameof(meetingId));
        ct.ThrowIfCancellationRequested();

        if (_meetings.TryRemove(meetingId, out var meeting))
        {
            lock (meeting.Gate)
            {
                meeting.Detached = true;
            }
        }

        return Task.CompletedTask;
    }

    public Task SetParticipantAsync(string meetingId, LiveParticipant participant, CancellationToken ct = default)
    {
        LiveStateArguments.Id(meetingId, nameof(meetingId));
        LiveStateArguments.Participant(participant, nameof(participant));
        ct.ThrowIfCancellationRequested();

        Update(meetingId, meeting => meeting.Participants[participant.ParticipantId] = participant);
        return Task.CompletedTask;
    }

    public Task<bool> RemoveParticipantAsync(string meetingId, string participantId, CancellationToken ct = default)
    {
        LiveStateArguments.Id(meetingId, nameof(meetingId));
        LiveStateArguments.Id(participantId, nameof(participantId));
        ct.ThrowIfCancellationRequested();

        return Task.FromResult(Update(meetingId, meeting => meeting.Participants.Remove(participantId)));
    }

    public Task<IReadOnlyList<LiveParticipant>> GetParticipantsAsync(string meetingId, CancellationToken ct = default)
    {
        LiveStateArguments.Id(meetingId, nameof(meetingId));
        ct.ThrowIfCancellationRequested();

        var participants = Read(meetingId, meeting => meeting.Participants.Values.ToArray());
        return Task.FromResult<IReadOnlyList<LiveParticipant>>(participants ?? []);
    }

    public Task SetPresenceAsync(string userId, Presence presence, TimeSpan ttl, CancellationToken ct = default)
    {
        LiveStateArguments.Id(userId, nameof(userId));
        LiveStateArguments.Presence(presence, ttl, nameof(presence));
        ct.ThrowIfCancellationRequested();

        _presence.Set(userId, presence with { LastActive = UnixSeconds.Truncate(presence.LastActive) }, ttl);
        return Task.CompletedTask;
    }

    public Task<Presence?> GetPresenceAsync(string userId, CancellationToken ct = default)
    {
        LiveStateArguments.Id(userId, nameof(userId));
        ct.ThrowIfCancellationRequested();

        return Task.FromResult(_presence.Get(userId));
    }

    public Task RemovePresenceAsync(string userId, CancellationToken ct = default)
    {
        LiveStateArguments.Id(userId, nameof(userId));
        ct.ThrowIfCancellationRequested();

        _presence.Remove(userId);
        return Task.CompletedTask;
    }

    public Task SetUserConnectionAsync(string userId, string signalingServer, CancellationToken ct = default)
    {
        LiveStateArguments.Id(userId, nameof(userId));
        LiveStateArguments.Id(signalingServer, nameof(signalingServer));
        ct.ThrowIfCancellationRequested();

        _userConnections[userId] = signalingServer;
        return Task.CompletedTask;
    }

    public Task<string?> GetUserConnectionAsync(string userId, CancellationToken ct = default)
    {
        LiveStateArguments.Id(userId, nameof(userId));
        ct.ThrowIfCancellationRequested();

        return Task.FromResult(_userConnections.GetValueOrDefault(userId));
    }

    public Task RemoveUserConnectionAsync(string userId, CancellationToken ct = default)
    {
        LiveStateArguments.Id(userId, nameof(userId));
        ct.ThrowIfCancellationRequested();

        _userConnections.TryRemove(userId, out _);
        return Task.CompletedTask;
    }

    public Task SetMeetingSfuAsync(string meetingId, string sfuServer, CancellationToken ct = default)
    {
        LiveStateArguments.Id(meetingId, nameof(meetingId));
        LiveStateArguments.Id(sfuServer, nameof(sfuServer));
        ct.ThrowIfCancellationRequested();

        Update(meetingId, meeting => meeting.SfuServer = sfuServer);
        return Task.CompletedTask;
    }

    public Task<string?> GetMeetingSfuAsync(string meetingId, CancellationToken ct = default)
    {
        LiveStateArguments.Id(meetingId, nameof(meetingId));
        ct.ThrowIfCancellationRequested();

        return Task.FromResult(Read(meetingId, meeting => meeting.SfuServer));
    }

    public Task EnqueueWaitingAsync(string meetingId, WaitingEntry entry, CancellationToken ct = default)
    {
        LiveStateArguments.Id(meetingId, nameof(meetingId));
        LiveStateArguments.Waiting(entry, nameof(entry));
        ct.ThrowIfCancellationRequested();

        Update(meetingId, meeting =>
        {
            bool alreadyWaiting = meeting.IndexOfWaiting(entry.ParticipantId) >= 0;
            if (!alreadyWaiting)
            {
                meeting.WaitingRoom.Add(entry);
            }

            return !alreadyWaiting;
        });
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<WaitingEntry>> GetWaitingRoomAsync(string meetingId, CancellationToken ct = default)
    {
        LiveStateArguments.Id(meetingId, nameof(meetingId));
        ct.ThrowIfCancellationRequested();

        var entries = Read(meetingId, meeting => meeting.WaitingRoom.ToArray());
        return Task.FromResult<IReadOnlyList<WaitingEntry>>(entries ?? []);
    }

    public Task<bool> RemoveWaitingAsync(string meetingId, string participantId, CancellationToken ct = default)
    {
        LiveStateArguments.Id(meetingId, nameof(meetingId));
        LiveStateArguments.Id(participantId, nameof(participantId));
        ct.ThrowIfCancellationRequested();

        bool removed = Update(meetingId, meeting =>
        {
            int index = meeting.IndexOfWaiting(participantId);
            if (index >= 0)
            {
                meeting.WaitingRoom.RemoveAt(index);
            }

            return index >= 0;
        });
        return Task.FromResult(removed);
    }

    public Task SetBreakoutRoomsAsync(string meetingId, IReadOnlyDictionary<string, string> rooms, CancellationToken ct = default)
    {
        LiveStateArguments.Id(meetingId, nameof(meetingId));
        LiveStateArguments.Rooms(rooms, nameof(rooms));
        ct.ThrowIfCancellationRequested();

        Update(meetingId, meeting =>
        {
            meeting.BreakoutRooms.Clear();
            foreach (var (roomId, json) in rooms)
            {
                meeting.BreakoutRooms[roomId] = json;
            }

            return true;
        });
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, string>> GetBreakoutRoomsAsync(string meetingId, CancellationToken ct = default)
    {
        LiveStateArguments.Id(meetingId, nameof(meetingId));
        ct.ThrowIfCancellationRequested();

        var rooms = Read(meetingId, meeting => new Dictionary<string, string>(meeting.BreakoutRooms, StringComparer.Ordinal));
        return Task.FromResult<IReadOnlyDictionary<string, string>>(rooms ?? new Dictionary<string, string>(StringComparer.Ordinal));
    }

    /// <summary>
    /// Changes one meeting under its lock. A meeting left empty is dropped, as Redis drops an emptied key; if
    /// another caller dropped the meeting between our look-up and our lock, we start over on a fresh one.
    /// </summary>
    private T Update<T>(string meetingId, Func<InMemoryMeeting, T> change)
    {
        while (true)
        {
            var meeting = _meetings.GetOrAdd(meetingId, static _ => new InMemoryMeeting());
            lock (meeting.Gate)
            {
                if (meeting.Detached)
                {
                    continue;
                }

                T result = change(meeting);
                if (meeting.IsEmpty)
                {
                    meeting.Detached = true;
                    _meetings.TryRemove(KeyValuePair.Create(meetingId, meeting));
                }

                return result;
            }
        }
    }

    /// <summary>Reads one meeting under its lock; default when the meeting holds nothing.</summary>
    private T? Read<T>(string meetingId, Func<InMemoryMeeting, T> read)
    {
        if (!_meetings.TryGetValue(meetingId, out var meeting))
        {
            return default;
        }

        lock (meeting.Gate)
        {
            return meeting.Detached ? default : read(meeting);
        }
    }
}
