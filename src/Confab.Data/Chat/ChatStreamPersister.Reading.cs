using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Confab.Data.Chat;

/// <summary>Which entries a round takes: its own pending ones, those of a dead consumer, or new ones.</summary>
public sealed partial class ChatStreamPersister
{
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
}
