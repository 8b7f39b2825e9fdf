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
public sealed class ChatStreamPersister
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

    /// <summary>Runs rounds until <paramref name="stoppingToken"/> fires: at once while there is work, after a short wait when
    /// the bus is empty, after <see cref="ChatBusOptions.FailureBackoff"/> when a round failed. Stopped with nothing pending,
    /// this consumer then leaves the group, so the names of stopped nodes do not pile up in it.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        await RunRoundsAsync(stoppingToken);
        await LeaveGroupIfIdleAsync();
    }

    private async Task RunRoundsAsync(CancellationToken stoppingToken)
    {
        var idleDelay = _options.MinPollDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await PersistOnceAsync(stoppingToken) > 0)
                {
                    idleDelay = _options.MinPollDelay;
                    continue;
                }
                await Task.Delay(idleDelay, _time, stoppingToken);
                idleDelay = TimeSpan.FromTicks(Math.Min(idleDelay.Ticks * 2, _options.MaxPollDelay.Ticks));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Chat bus: persisting failed; the entries stay pending and are tried again in {Backoff}",
                    _options.FailureBackoff);
                try
                {
                    await Task.Delay(_options.FailureBackoff, _time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    // Deleting a consumer drops its pending entries from the group, so only a consumer with none leaves; one with some keeps
    // them for another node to take over. Only this consumer adds to its own pending entries, and it has stopped.
    private async Task LeaveGroupIfIdleAsync()
    {
        try
        {
            var pending = await _redis.StreamPendingMessagesAsync(ChatBusKeys.Bus, ChatBusKeys.PersisterGroup, 1, _options.ConsumerName)
                .WaitAsync(LeaveTimeout);
            if (pending.Length == 0)
            {
                await _redis.StreamDeleteConsumerAsync(ChatBusKeys.Bus, ChatBusKeys.PersisterGroup, _options.ConsumerName).WaitAsync(LeaveTimeout);
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _logger.LogDebug(e, "Chat bus: consumer {Consumer} could not leave the group; it stays listed", _options.ConsumerName);
        }
    }

    private async Task EnsureGroupAsync(CancellationToken cancellationToken)
    {
        if (_groupReady)
        {
            return;
        }
        try
        {
            // From the beginning: entries appended before any persister ran are persisted too.
            await _redis.StreamCreateConsumerGroupAsync(ChatBusKeys.Bus, ChatBusKeys.PersisterGroup, StreamPosition.Beginning,
                createStream: true).WaitAsync(cancellationToken);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // Another node created it.
        }
        _groupReady = true;
    }

    private async Task<StreamEntry[]> NextEntriesAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_ownPendingMayExist)
            {
                var own = await ReadGroupAsync(StartOfStream, cancellationToken);
                if (own.Length > 0)
                {
                    return own;
                }
                _ownPendingMayExist = false;
            }
            if (ClaimIsDue())
            {
                var claimed = await ClaimAbandonedAsync(cancellationToken);
                if (claimed.Length > 0)
                {
                    return claimed;
                }
            }
            return await ReadGroupAsync(StreamPosition.NewMessages, cancellationToken);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
        {
            // The bus was deleted under us: the next round creates it and the group again.
            _groupReady = false;
            throw;
        }
    }

    private Task<StreamEntry[]> ReadGroupAsync(RedisValue position, CancellationToken cancellationToken) =>
        _redis.StreamReadGroupAsync(ChatBusKeys.Bus, ChatBusKeys.PersisterGroup, _options.ConsumerName, position, _options.BatchSize)
            .WaitAsync(cancellationToken);

    // Due every ClaimInterval, and at once again while the last scan stopped before the end of the pending entries.
    private bool ClaimIsDue() =>
        _lastClaimAt is not { } last
        || _claimCursor != StartOfStream
        || _time.GetElapsedTime(last) >= _options.ClaimInterval;

    private async Task<StreamEntry[]> ClaimAbandonedAsync(CancellationToken cancellationToken)
    {
        var result = await _redis.StreamAutoClaimAsync(ChatBusKeys.Bus, ChatBusKeys.PersisterGroup, _options.ConsumerName,
            (long)_options.ClaimIdleTime.TotalMilliseconds, _claimCursor, _options.BatchSize).WaitAsync(cancellationToken);
        _lastClaimAt = _time.GetTimestamp();
        _claimCursor = result.NextStartId.IsNullOrEmpty ? StartOfStream : result.NextStartId;
        var claimed = result.ClaimedEntries ?? [];
        if (claimed.Length > 0)
        {
            _ownPendingMayExist = true;
            _logger.LogInformation("Chat bus: took over {Count} entries left unacknowledged for {Idle}", claimed.Length, _options.ClaimIdleTime);
        }
        return claimed;
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
}
