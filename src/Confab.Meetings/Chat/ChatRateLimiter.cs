namespace Confab.Meetings.Chat;

/// <summary>
/// A token bucket per sender: <see cref="Capacity"/> messages at once, refilled at <see cref="Capacity"/> per <see cref="Window"/>
/// — by default no more than 10 messages in 5 s. Not thread-safe: the meeting serialises its requests.
/// </summary>
public sealed class ChatRateLimiter
{
    /// <summary>Messages per sender per <see cref="Window"/> unless configured otherwise.</summary>
    public const int DefaultCapacity = 10;
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    private readonly TimeProvider time;

    public ChatRateLimiter(TimeProvider time, int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        this.time = time;
        Capacity = capacity;
    }

    public int Capacity { get; }

    private readonly Dictionary<string, (double Tokens, DateTimeOffset At)> _buckets = new(StringComparer.Ordinal);

    /// <summary>Takes a token of the sender's bucket; false (and nothing taken) when it is empty.</summary>
    public bool TryTake(string sender)
    {
        var now = time.GetUtcNow();
        double tokens = Refilled(sender, now);
        if (tokens < 1)
        {
            _buckets[sender] = (tokens, now);
            return false;
        }
        _buckets[sender] = (tokens - 1, now);
        return true;
    }

    /// <summary>Gives back a token taken for a message that was not stored after all (a retry of a stored one).</summary>
    public void Refund(string sender)
    {
        var now = time.GetUtcNow();
        _buckets[sender] = (Math.Min(Capacity, Refilled(sender, now) + 1), now);
    }

    /// <summary>Forgets a sender who left.</summary>
    public void Forget(string sender) => _buckets.Remove(sender);

    private double Refilled(string sender, DateTimeOffset now)
    {
        if (!_buckets.TryGetValue(sender, out var bucket))
        {
            return Capacity;
        }
        var elapsed = now - bucket.At;
        if (elapsed <= TimeSpan.Zero)
        {
            return bucket.Tokens;
        }
        return Math.Min(Capacity, bucket.Tokens + (elapsed / Window * Capacity));
    }
}
