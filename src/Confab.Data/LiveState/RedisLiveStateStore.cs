using Confab.Meetings.LiveState;
using StackExchange.Redis;
using StackExchange.Redis.KeyspaceIsolation;

namespace Confab.Data.LiveState;

/// <summary>
/// Live state in Redis, with the key layout of the design (seed §5.1; see <see cref="LiveStateKeys"/>).
/// Several server processes sharing one Redis see the same meetings. Every command touches one key, so the
/// layout also works on Redis Cluster. Redis commands cannot be withdrawn once sent: a cancelled call stops
/// waiting, but a write already sent may still be applied.
/// </summary>
public sealed class RedisLiveStateStore : ILiveStateStore
{
    private readonly IDatabase _database;

    /// <param name="multiplexer">The shared connection (one per process).</param>
    /// <param name="keyPrefix">Prepended to every key, e.g. to keep test runs or tenants apart; none by default.</param>
    public RedisLiveStateStore(IConnectionMultiplexer multiplexer, string? keyPrefix = null)
    {
        ArgumentNullException.ThrowIfNull(multiplexer);
        var database = multiplexer.GetDatabase();
        _database = string.IsNullOrEmpty(keyPrefix) ? database : database.WithKeyPrefix(keyPrefix);
    }

    public async Task<bool> PingAsync(CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        try
        {
            await _database.PingAsync().WaitAsync(ct);
            return true;
        }
        // ObjectDisposedException: the connection went away while the ping waited in its backlog, disposed (the host
        // shutting down) or finalized (nothing referenced it any more). Like the others, Redis did not answer.
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            return false;
        }
    }

    public async Task SetMeetingStateAsync(string meetingId, MeetingLiveState state, CancellationToken ct = default)
    {
        LiveStateArguments.Id(meetingId, nameof(meetingId));
        LiveStateArguments.State(state, nameof(state));
        ct.ThrowIfCancellationRequested();

        // Replace the whole hash: a field left from an earlier state (e.g. sfu_server) must not survive.
        string key = LiveStateKeys.MeetingState(meetingId);
        var transaction = _database.CreateTransaction();
        var deleted = transaction.KeyDeleteAsync(key);
        var written = transaction.HashSetAsync(key, RedisHashCodec.WriteState(state));
        await CommitAsync(transaction, ct, deleted, written);
    }

    public async Task<MeetingLiveState?> GetMeetingStateAsync(string meetingId, CancellationToken ct = default)
    {
        LiveStateArguments.Id(meetingId, nameof(meetingId));
        ct.ThrowIfCancellationRequested();

        string key = LiveStateKeys.MeetingState(meetingId);
        var fields = await _database.HashGetAllAsync(key).WaitAsync(ct);
        return RedisHashCodec.TryReadState(fields, out var state) ? state : throw Malformed(key);
    }

    public async Task<long> AddParticipantCountAsync(string meetingId, long delta, CancellationToken ct = default)
    {
        LiveStateArguments.Id(meetingId, nameof(meetingId));
        ct.ThrowIfCancellationRequested();

        return await _database.HashIncrementAsync(LiveStateKeys.MeetingState(meetingId), StateFields.ParticipantCount, delta)
            .WaitAsync(ct);
    }

    public async Task RemoveMeetingAsync(string meetingId, CancellationToken ct = default)
    {
        LiveStateArguments.Id(meetingId, nameof(meetingId));
        ct.ThrowIfCancellationRequested();

        // One DEL per key (pipelined): the keys may live in different cluster slots.
        var deletions = LiveStateKeys.AllOfMeeting(meetingId).Select(key => _database.KeyDeleteAsync(key));
        await Task.WhenAll(deletions).WaitAsync(ct);
    }

    public async Task SetParticipantAsync(string meetingId, LiveParticipant participant, CancellationToken ct = default)
    {
        LiveStateArguments.Id(meetingId, nameof(meetingId));
        LiveStateArguments.Participant(participant, nameof(participant));
        ct.ThrowIfCancellationRequested();

        await _database.HashSetAsync(LiveStateKeys.Participants(meetingId), participant.ParticipantId, LiveStateJson.Write(participant))
            .WaitAsync(ct);
    }

    public async Task<bool> RemoveParticipantAsync(string meetingId, string participantId, CancellationToken ct = default)
    {
        LiveStateArguments.Id(meetingId, nameof(meetingId));
        LiveStateArguments.Id(participantId, nameof(participantId));
        ct.ThrowIfCancellationRequested();

        return await _database.HashDeleteAsync(LiveStateKeys.Participants(meetingId), participantId).WaitAsync(ct);
    }

    public async Task<IReadOnlyList<LiveParticipant>> GetParticipantsAsync(string meetingId, CancellationToken ct = default)
    {
        LiveStateArguments.Id(meetingId, nameof(meetingId));
        ct.ThrowIfCancellationRequested();

        string key = LiveStateKeys.Participants(meetingId);
        var fields = await _database.HashGetAllAsync(key).WaitAsync(ct);
        var participants = new List<LiveParticipant>(fields.Length);
        foreach (var field in fields)
        {
            string participantId = field.Name.ToString();
            if (!LiveStateJson.TryReadParticipant(participantId, field.Value.ToString(), out var participant))
            {
                throw Malformed(key, participantId);
            }

            participants.Add(participant);
        }

        return participants;
    }

    public async Task SetPresenceAsync(string userId, Presence presence, TimeSpan ttl, CancellationToken ct = default)
    {
        LiveStateArguments.Id(userId, nameof(userId));
        LiveStateArguments.Presence(presence, ttl, nameof(presence));
        ct.ThrowIfCancellationRequested();

        // Replace the hash and (re)arm its expiry in one step, so the key never lives without a TTL.
        string key = LiveStateKeys.Presence(userId);
        var transaction = _database.CreateTransaction();
        var deleted = transaction.KeyDeleteAsync(key);
        var written = transaction.HashSetAsync(key, RedisHashCodec.WritePresence(presence));
        var expiring = transaction.KeyExpireAsync(key, ttl);
        await CommitAsync(transaction, ct, deleted, written, expiring);
    }

    public async Task<Presence?> GetPresenceAsync(string userId, CancellationToken ct = default)
    {
        LiveStateArguments.Id(userId, nameof(userId));
        ct.ThrowIfCancellationRequested();

        string key = LiveStateKeys.Presence(userId);
        var fields = await _database.HashGetAllAsync(key).WaitAsync(ct);
        return RedisHashCodec.TryReadPresence(fields, out var presence) ? presence : throw Malformed(key);
    }

    public async Task RemovePresenceAsync(string userId, CancellationToken ct = default)
    {
        LiveStateArguments.Id(userId, nameof(userId));
        ct.ThrowIfCancellationRequested();

        await _database.KeyDeleteAsync(LiveStateKeys.Presence(userId)).WaitAsync(ct);
    }

    public async Task SetUserConnectionAsync(string userId, string signalingServer, CancellationToken ct = default)
    {
        LiveStateArguments.Id(userId, nameof(userId));
        LiveStateArguments.Id(signalingServer, nameof(signalingServer));
        ct.ThrowIfCancellationRequested();

        await _database.StringSetAsync(LiveStateKeys.UserConnection(userId), signalingServer).WaitAsync(ct);
    }

    public async Task<string?> GetUserConnectionAsync(string userId, CancellationToken ct = default)
    {
        LiveStateArguments.Id(userId, nameof(userId));
        ct.ThrowIfCancellationRequested();

        return await _database.StringGetAsync(LiveStateKeys.UserConnection(userId)).WaitAsync(ct);
    }

    public async Task RemoveUserConnectionAsync(string userId, CancellationToken ct = default)
    {
        LiveStateArguments.Id(userId, nameof(userId));
        ct.ThrowIfCancellationRequested();

        await _database.KeyDeleteAsync(LiveStateKeys.UserConnection(userId)).WaitAsync(ct);
    }

    public async Task SetMeetingSfuAsync(string meetingId, string sfuServer, CancellationToken ct = default)
    {
        LiveStateArguments.Id(meetingId, nameof(meetingId));
        LiveStateArguments.Id(sfuServer, nameof(sfuServer));
        ct.ThrowIfCancellationRequested();

        await _database.StringSetAsync(LiveStateKeys.MeetingSfu(meetingId), sfuServer).WaitAsync(ct);
    }

    public async Task<string?> GetMeetingSfuAsync(string meetingId, CancellationToken ct = default)
    {
        LiveStateArguments.Id(meetingId, nameof(meetingId));
        ct.ThrowIfCancellationRequested();

        return await _database.StringGetAsync(LiveStateKeys.MeetingSfu(meetingId)).WaitAsync(ct);
    }

    public async Task EnqueueWaitingAsync(string meetingId, WaitingEntry entry, CancellationToken ct = default)
    {
        LiveStateArguments.Id(meetingId, nameof(meetingId));
        LiveStateArguments.Waiting(entry, nameof(entry));
        ct.ThrowIfCancellationRequested();

        await _database.ScriptEvaluateAsync(
            RedisWaitingRoomScripts.Enqueue,
            [LiveStateKeys.WaitingRoom(meetingId)],
            [entry.ParticipantId, LiveStateJson.Write(entry)]).WaitAsync(ct);
    }

    public async Task<IReadOnlyList<WaitingEntry>> GetWaitingRoomAsync(string meetingId, CancellationToken ct = default)
    {
        LiveStateArguments.Id(meetingId, nameof(meetingId));
        ct.ThrowIfCancellationRequested();

        string key = LiveStateKeys.WaitingRoom(meetingId);
        var items = await _database.ListRangeAsync(key).WaitAsync(ct);
        var entries = new List<WaitingEntry>(items.Length);
        foreach (var item in items)
        {
            if (!LiveStateJson.TryReadWaitingEntry(item.ToString(), out var entry))
            {
                throw Malformed(key);
            }

            entries.Add(entry);
        }

        return entries;
    }

    public async Task<bool> RemoveWaitingAsync(string meetingId, string participantId, CancellationToken ct = default)
    {
        LiveStateArguments.Id(meetingId, nameof(meetingId));
        LiveStateArguments.Id(participantId, nameof(participantId));
        ct.ThrowIfCancellationRequested();

        var removed = await _database.ScriptEvaluateAsync(
            RedisWaitingRoomScripts.Remove,
            [LiveStateKeys.WaitingRoom(meetingId)],
            [participantId]).WaitAsync(ct);
        return (long)removed == 1;
    }

    public async Task SetBreakoutRoomsAsync(string meetingId, IReadOnlyDictionary<string, string> rooms, CancellationToken ct = default)
    {
        LiveStateArguments.Id(meetingId, nameof(meetingId));
        LiveStateArguments.Rooms(rooms, nameof(rooms));
        ct.ThrowIfCancellationRequested();

        string key = LiveStateKeys.BreakoutRooms(meetingId);
        var transaction = _database.CreateTransaction();
        var deleted = transaction.KeyDeleteAsync(key);
        if (rooms.Count == 0)
        {
            await CommitAsync(transaction, ct, deleted);
            return;
        }

        var fields = rooms.Select(room => new HashEntry(room.Key, room.Value)).ToArray();
        var written = transaction.HashSetAsync(key, fields);
        await CommitAsync(transaction, ct, deleted, written);
    }

    public async Task<IReadOnlyDictionary<string, string>> GetBreakoutRoomsAsync(string meetingId, CancellationToken ct = default)
    {
        LiveStateArguments.Id(meetingId, nameof(meetingId));
        ct.ThrowIfCancellationRequested();

        var fields = await _database.HashGetAllAsync(LiveStateKeys.BreakoutRooms(meetingId)).WaitAsync(ct);
        return fields.ToDictionary(field => field.Name.ToString(), field => field.Value.ToString(), StringComparer.Ordinal);
    }

    /// <summary>Runs MULTI … EXEC and observes every queued command, so none of their failures goes unseen.</summary>
    private static Task CommitAsync(ITransaction transaction, CancellationToken ct, params Task[] queued) =>
        Task.WhenAll([transaction.ExecuteAsync(), .. queued]).WaitAsync(ct);

    private static InvalidDataException Malformed(string key, string? field = null) =>
        new(field is null
            ? $"Live state key '{key}' holds a value this store cannot read."
            : $"Live state key '{key}' holds a value this store cannot read in field '{field}'.");
}
