using Confab.Meetings.Chat;
using StackExchange.Redis;

namespace Confab.Data.Chat;

/// <summary>
/// The chat store with Redis configured (docs/signaling.md, "The chat bus"): a message is accepted once Redis has it, on the
/// bus <c>chat:bus</c>, and <see cref="ChatStreamPersister"/> moves it to the durable store behind, <paramref name="inner"/>.
/// <list type="bullet">
/// <item><see cref="AppendAsync"/> is one Lua script (<see cref="ChatBusScripts.Append"/>): the client id key
/// <c>chat:client:{meeting}:{from}:{clientId}</c> holds the message for <see cref="ChatBusOptions.ClientIdRetention"/>; when it
/// exists its message comes back, not created; else the message goes on the bus and into <c>chat:unpersisted:{meeting}</c>.
/// "Accepted" means durable only as far as Redis is: run it with AOF (<c>appendfsync everysec</c> or <c>always</c>) and
/// replicas in production, as a Kafka producer waits for its acks.</item>
/// <item>Reads look at Redis first, then at the durable store. The persister deletes a message from Redis only after the
/// database committed it, so a message moving meanwhile is seen in one place or the other, and a list merges both by id.</item>
/// </list>
/// Redis commands cannot be withdrawn once sent: a cancelled call stops waiting, but an append already sent may still be applied
/// (the client's retry with the same client id then finds it).
/// </summary>
public sealed class RedisStreamChatStore : IChatStore
{
    private readonly IDatabase _redis;
    private readonly IChatStore _inner;
    private readonly long _clientIdSeconds;

    public RedisStreamChatStore(IConnectionMultiplexer multiplexer, IChatStore inner, ChatBusOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(multiplexer);
        ArgumentNullException.ThrowIfNull(inner);
        options ??= new ChatBusOptions();
        options.Validate();
        _redis = options.Database(multiplexer);
        _inner = inner;
        _clientIdSeconds = (long)Math.Ceiling(options.ClientIdRetention.TotalSeconds);
    }

    public async Task<ChatAppendResult> AppendAsync(ChatMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (created, stored) = await RunAppendAsync(message, replaceable: "", cancellationToken);
        if (ChatMessageJson.TryRead(stored) is { } existing)
        {
            return new ChatAppendResult(created ? message : existing, created);
        }
        // The client id key holds something that is no message (it never should): replace it, unless it changed meanwhile.
        (created, stored) = await RunAppendAsync(message, replaceable: stored, cancellationToken);
        return ChatMessageJson.TryRead(stored) is { } raced
            ? new ChatAppendResult(created ? message : raced, created)
            : throw new InvalidOperationException(
                $"Redis key {ChatBusKeys.ClientId(message.MeetingId, message.From, message.ClientId)} holds no chat message.");
    }

    private async Task<(bool Created, string Stored)> RunAppendAsync(ChatMessage message, string replaceable, CancellationToken cancellationToken)
    {
        string json = ChatMessageJson.Write(message);
        var result = await _redis.ScriptEvaluateAsync(ChatBusScripts.Append,
            [ChatBusKeys.ClientId(message.MeetingId, message.From, message.ClientId), ChatBusKeys.Bus, ChatBusKeys.Unpersisted(message.MeetingId)],
            [json, _clientIdSeconds, message.Id.ToString(), replaceable]).WaitAsync(cancellationToken);
        var parts = (RedisResult[])result!;
        return ((long)parts[0] == 1, (string?)parts[1] ?? "");
    }

    public async Task<ChatMessage?> FindByClientIdAsync(string meetingId, string from, string clientId, CancellationToken cancellationToken = default)
    {
        string? json = await _redis.StringGetAsync(ChatBusKeys.ClientId(meetingId, from, clientId)).WaitAsync(cancellationToken);
        return ChatMessageJson.TryRead(json) is { } message && message.MeetingId == meetingId && message.From == from
            ? message
            : await _inner.FindByClientIdAsync(meetingId, from, clientId, cancellationToken);
    }

    public async Task<ChatMessage?> FindAsync(string meetingId, Guid messageId, CancellationToken cancellationToken = default)
    {
        string? json = await _redis.HashGetAsync(ChatBusKeys.Unpersisted(meetingId), messageId.ToString()).WaitAsync(cancellationToken);
        return ChatMessageJson.TryRead(json) is { } message && message.MeetingId == meetingId && message.Id == messageId
            ? message
            : await _inner.FindAsync(meetingId, messageId, cancellationToken);
    }

    public async Task<ChatPage> ListAsync(string meetingId, Guid? after, int limit, ChatReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        // Redis first: what the persister moves meanwhile is in the database by the time it is gone from Redis.
        var unpersisted = await _redis.HashValuesAsync(ChatBusKeys.Unpersisted(meetingId)).WaitAsync(cancellationToken);
        var page = await _inner.ListAsync(meetingId, after, limit, reader, cancellationToken);
        var pending = unpersisted
            .Select(value => ChatMessageJson.TryRead(value))
            .OfType<ChatMessage>()
            .Where(m => m.MeetingId == meetingId && (after is not { } floor || m.Id.CompareTo(floor) > 0) && reader.Sees(m));
        var merged = page.Messages.Concat(pending).DistinctBy(m => m.Id).OrderBy(m => m.Id).ToList();
        return new ChatPage([.. merged.Take(limit)], page.More || merged.Count > limit);
    }

    public Task<int> DeleteSentBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default) =>
        _inner.DeleteSentBeforeAsync(cutoff, cancellationToken);
}
