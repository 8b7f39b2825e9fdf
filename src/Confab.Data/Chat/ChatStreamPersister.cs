using Confab.Meetings.Chat;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Confab.Data.Chat;

/// <summary>
/// Moves the chat bus into the durable store (docs/signaling.md, "The chat bus"). Every node runs one, as consumer
/// <see cref="ChatBusOptions.ConsumerName"/> of the group <c>chat-persisters</c> on <c>chat:bus</c> (created from the start of the
/// stream if missing), so each entry goes to one node. A round (<see cref="PersistOnceAsync"/>):
/// <list type="number">
/// <item>takes up to <see cref="ChatBusOptions.BatchSize"/> entries: its own pending ones first (left by a failed round), then —
/// every <see cref="ChatBusOptions.ClaimInterval"/> — entries another consumer read and left unacknowledged for
/// <see cref="ChatBusOptions.ClaimIdleTime"/> (XAUTOCLAIM: that node is taken for dead), else new ones (XREADGROUP);</item>
/// <item>stores their messages with one <see cref="IDurableChatStore.StoreManyAsync"/>, which skips what is already stored — an
/// entry may come twice (a node that stopped between the database commit and the acknowledgement), never be stored twice;</item>
/// <item>then removes them from Redis, pipelined: from their meetings' <c>chat:unpersisted:{meeting}</c> (only now, so readers
/// always find a message in Redis or in the database), then XACK and XDEL on the bus, which thus holds only what is not
/// persisted yet.</item>
/// </list>
/// An entry that is no message (malformed JSON, no field <c>m</c>) is logged, acknowledged and deleted: it never blocks the bus.
/// Nor does a message the store refuses (<see cref="ChatMessageRefusedException"/>: a value too long for its column): the round
/// then stores its messages one at a time, and one refused alone is logged and set aside in the stream <c>chat:dead</c>.
/// When the store or Redis fails, the round throws and its entries stay pending for this consumer: the next round takes them
/// again. <see cref="RunAsync"/> runs rounds until stopped, backing off after a failure. StackExchange.Redis cannot block on
/// XREADGROUP, so an empty read waits a few milliseconds (<see cref="ChatBusOptions.MinPollDelay"/>, doubling up to
/// <see cref="ChatBusOptions.MaxPollDelay"/>). One caller at a time per instance.
/// </summary>
public sealed partial class ChatStreamPersister
{
    // The smallest entry id: read from here, XREADGROUP gives a consumer's own pending entries; XAUTOCLAIM scans from here.
    private const string StartOfStream = "0-0";
    private static readonly TimeSpan LeaveTimeout = TimeSpan.FromSeconds(2);

    private readonly IDatabase _redis;
    private readonly IDurableChatStore _store;
    private readonly ChatBusOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    private bool _groupReady;
    // True until a read of this consumer's own pending entries comes back empty; set again when a round fails.
    private bool _ownPendingMayExist = true;
    private long? _lastClaimAt;
    private RedisValue _claimCursor = StartOfStream;

    public ChatStreamPersister(IConnectionMultiplexer multiplexer, IDurableChatStore store, ChatBusOptions? options = null,
        ILogger<ChatStreamPersister>? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(multiplexer);
        ArgumentNullException.ThrowIfNull(store);
        _options = options ?? new ChatBusOptions();
        _options.Validate();
        _redis = _options.Database(multiplexer);
        _store = store;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<ChatStreamPersister>.Instance;
    }

    public string ConsumerName => _options.ConsumerName;

    /// <summary>One round: takes a batch of entries, stores it, removes it from Redis. Returns how many entries left the bus.</summary>
    public async Task<int> PersistOnceAsync(CancellationToken cancellationToken = default)
    {
        await EnsureGroupAsync(cancellationToken);
        var entries = await NextEntriesAsync(cancellationToken);
        if (entries.Length == 0)
        {
            return 0;
        }
        try
        {
            await PersistAsync(entries, cancellationToken);
            return entries.Length;
        }
        catch
        {
            _ownPendingMayExist = true;
            throw;
        }
    }

    private async Task PersistAsync(StreamEntry[] entries, CancellationToken cancellationToken)
    {
        var messages = new List<ChatMessage>(entries.Length);
        foreach (var entry in entries)
        {
            // An entry deleted from the stream while still pending comes back without values.
            string? json = entry.Values is { Length: > 0 } ? (string?)entry[ChatBusKeys.MessageField] : null;
            if (ChatMessageJson.TryRead(json) is { } message)
            {
                messages.Add(message);
            }
            else
            {
                _logger.LogWarning("Chat bus: entry {Entry} holds no chat message; it is dropped: {Value}",
                    (string?)entry.Id, json is { Length: > 200 } ? json[..200] + "…" : json);
            }
        }
        if (messages.Count > 0)
        {
            try
            {
                await _store.StoreManyAsync(messages, cancellationToken);
            }
            catch (ChatMessageRefusedException)
            {
                await StoreOneByOneAsync(messages, cancellationToken);
            }
        }

        // After the commit only: a reader that misses a message in Redis now finds it in the database.
        var ids = entries.Select(e => e.Id).ToArray();
        var removals = messages
            .GroupBy(m => m.MeetingId, StringComparer.Ordinal)
            .Select(meeting => (Task)_redis.HashDeleteAsync(ChatBusKeys.Unpersisted(meeting.Key), [.. meeting.Select(m => (RedisValue)m.Id.ToString())]))
            .Append(_redis.StreamAcknowledgeAsync(ChatBusKeys.Bus, ChatBusKeys.PersisterGroup, ids))
            .Append(_redis.StreamDeleteAsync(ChatBusKeys.Bus, ids))
            .ToList();
        await Task.WhenAll(removals).WaitAsync(cancellationToken);
    }

    // The batch was refused for some message's values: each alone, and those refused alone go to chat:dead. Any other failure
    // ends the round, the entries staying pending (what was stored meanwhile is skipped next time).
    private async Task StoreOneByOneAsync(List<ChatMessage> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            try
            {
                await _store.StoreManyAsync([message], cancellationToken);
            }
            catch (ChatMessageRefusedException e)
            {
                string error = (e.InnerException ?? e).Message;
                _logger.LogError(e, "Chat bus: the store refused message {Message} of meeting {Meeting}; it is set aside in {Key}",
                    message.Id, message.MeetingId, ChatBusKeys.Refused);
                await _redis.StreamAddAsync(ChatBusKeys.Refused,
                    [new NameValueEntry(ChatBusKeys.MessageField, ChatMessageJson.Write(message)), new NameValueEntry(ChatBusKeys.ErrorField, error)])
                    .WaitAsync(cancellationToken);
            }
        }
    }
}
