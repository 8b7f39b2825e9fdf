using StackExchange.Redis;
using StackExchange.Redis.KeyspaceIsolation;

namespace Confab.Data.Chat;

/// <summary>Settings of the chat bus (<see cref="RedisStreamChatStore"/> and <see cref="ChatStreamPersister"/>).</summary>
public sealed class ChatBusOptions
{
    /// <summary>Prepended to every key of the bus, e.g. to keep test runs or tenants apart; none by default, like the live state.</summary>
    public string? KeyPrefix { get; set; }

    /// <summary>This node's consumer name in the persisters' group: unique per process (two processes with one name would
    /// share their pending entries). Machine name, process id and a random suffix by default.</summary>
    public string ConsumerName { get; set; } = DefaultConsumerName();

    /// <summary>How long a client id answers from Redis after its message was accepted; the database answers afterwards.</summary>
    public TimeSpan ClientIdRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>At most this many bus entries per persister round (one database write).</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Entries read by a consumer and not acknowledged for this long are taken over: their consumer is taken for dead.</summary>
    public TimeSpan ClaimIdleTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a persister looks for such entries.</summary>
    public TimeSpan ClaimInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait after an empty read; it doubles on each empty read from <see cref="MinPollDelay"/> up to <see cref="MaxPollDelay"/>.</summary>
    public TimeSpan MinPollDelay { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <inheritdoc cref="MinPollDelay"/>
    public TimeSpan MaxPollDelay { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>The wait after a failed round (database or Redis down) before the same entries are tried again.</summary>
    public TimeSpan FailureBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ConsumerName, nameof(ConsumerName));
        ArgumentOutOfRangeException.ThrowIfLessThan(ClientIdRetention, TimeSpan.FromSeconds(1), nameof(ClientIdRetention));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(ClaimIdleTime, TimeSpan.FromMilliseconds(1), nameof(ClaimIdleTime));
        ArgumentOutOfRangeException.ThrowIfLessThan(ClaimInterval, TimeSpan.Zero, nameof(ClaimInterval));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MinPollDelay.Ticks, nameof(MinPollDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPollDelay, MinPollDelay, nameof(MaxPollDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(FailureBackoff, TimeSpan.Zero, nameof(FailureBackoff));
    }

    /// <summary>The database of <paramref name="multiplexer"/> with <see cref="KeyPrefix"/> applied to every key.</summary>
    internal IDatabase Database(IConnectionMultiplexer multiplexer)
    {
        var database = multiplexer.GetDatabase();
        return string.IsNullOrEmpty(KeyPrefix) ? database : database.WithKeyPrefix(KeyPrefix);
    }

    private static string DefaultConsumerName() =>
        $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
}
