namespace Confab.Meetings.Rooms;

/// <summary>
/// Passcode guessing protection: a sliding window of failed join attempts per meeting id and per client address.
/// The server asks <see cref="RetryAfter"/> before checking a passcode and calls <see cref="RecordFailure"/> after
/// a wrong passcode or an unknown meeting alike, so both answers look the same.
/// </summary>
/// <remarks>
/// Each key keeps at most its limit of failure times (older ones cannot matter), and keys whose newest failure
/// left the window are purged once a window has passed since the last purge, or when the tracked keys exceed
/// <see cref="JoinThrottleOptions.MaxTrackedKeys"/>; memory stays bounded. Thread-safe.
/// </remarks>
public sealed class JoinThrottle
{
    private readonly JoinThrottleOptions _options;
    private readonly TimeProvider _time;
    private readonly TimeSpan _window;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _byIp = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<DateTimeOffset>> _byMeeting = new(StringComparer.Ordinal);
    private DateTimeOffset _lastPurge;

    public JoinThrottle(JoinThrottleOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxFailuresPerIp, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxFailuresPerMeeting, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxTrackedKeys, 2);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.EffectiveWindow, TimeSpan.Zero);
        _options = options;
        _time = time;
        _window = options.EffectiveWindow;
        _lastPurge = time.GetUtcNow();
    }

    /// <summary>Addresses plus meeting ids currently tracked.</summary>
    public int TrackedKeys
    {
        get
        {
            lock (_gate)
            {
                return _byIp.Count + _byMeeting.Count;
            }
        }
    }

    /// <summary>Null when an attempt may go ahead, else how long the caller must wait.</summary>
    public TimeSpan? RetryAfter(string meetingId, string clientIp)
    {
        ArgumentNullException.ThrowIfNull(meetingId);
        ArgumentNullException.ThrowIfNull(clientIp);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var byIp = WaitFor(_byIp, clientIp, _options.MaxFailuresPerIp, now);
            var byMeeting = WaitFor(_byMeeting, meetingId, _options.MaxFailuresPerMeeting, now);
            return (byIp, byMeeting) switch
            {
                (null, null) => null,
                ({ } a, null) => a,
                (null, { } b) => b,
                ({ } a, { } b) => a > b ? a : b,
            };
        }
    }

    /// <summary>Counts a failed attempt (wrong passcode or unknown meeting) against both the address and the meeting id.</summary>
    public void RecordFailure(string meetingId, string clientIp)
    {
        ArgumentNullException.ThrowIfNull(meetingId);
        ArgumentNullException.ThrowIfNull(clientIp);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            Add(_byIp, clientIp, _options.MaxFailuresPerIp, now);
            Add(_byMeeting, meetingId, _options.MaxFailuresPerMeeting, now);
            if (now - _lastPurge >= _window || _byIp.Count + _byMeeting.Count > _options.MaxTrackedKeys)
            {
                Purge(now);
            }
        }
    }

    private TimeSpan? WaitFor(Dictionary<string, Queue<DateTimeOffset>> map, string key, int limit, DateTimeOffset now)
    {
        if (!map.TryGetValue(key, out var failures))
        {
            return null;
        }

        DropExpired(failures, now);
        if (failures.Count < limit)
        {
            return null;
        }

        // The oldest kept failure leaves the window first.
        return failures.Peek() + _window - now;
    }

    private void Add(Dictionary<string, Queue<DateTimeOffset>> map, string key, int limit, DateTimeOffset now)
    {
        if (!map.TryGetValue(key, out var failures))
        {
            failures = new Queue<DateTimeOffset>();
            map.Add(key, failures);
        }

        DropExpired(failures, now);
        failures.Enqueue(now);
        while (failures.Count > limit)
        {
            failures.Dequeue();
        }
    }

    private void DropExpired(Queue<DateTimeOffset> failures, DateTimeOffset now)
    {
        while (failures.Count > 0 && now - failures.Peek() >= _window)
        {
            failures.Dequeue();
        }
    }

    private void Purge(DateTimeOffset now)
    {
        _lastPurge = now;
        PurgeExpired(_byIp, now);
        PurgeExpired(_byMeeting, now);
        var excess = _byIp.Count + _byMeeting.Count - _options.MaxTrackedKeys;
        if (excess <= 0)
        {
            return;
        }

        // Still too many live keys: forget the least recently failing ones.
        var oldest = _byIp.Select(e => (Map: _byIp, e.Key, Last: LastFailure(e.Value)))
            .Concat(_byMeeting.Select(e => (Map: _byMeeting, e.Key, Last: LastFailure(e.Value))))
            .OrderBy(e => e.Last)
            .Take(excess)
            .ToList();
        foreach (var (map, key, _) in oldest)
        {
            map.Remove(key);
        }
    }

    private void PurgeExpired(Dictionary<string, Queue<DateTimeOffset>> map, DateTimeOffset now)
    {
        foreach (var (key, failures) in map)
        {
            DropExpired(failures, now);
            if (failures.Count == 0)
            {
                map.Remove(key);
            }
        }
    }

    private static DateTimeOffset LastFailure(Queue<DateTimeOffset> failures) =>
        failures.Count == 0 ? DateTimeOffset.MinValue : failures.Last();
}
