using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Confab.Data.Chat;

/// <summary>The persister's loop: rounds until stopped, and leaving the group on the way out.</summary>
public sealed partial class ChatStreamPersister
{
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
}
