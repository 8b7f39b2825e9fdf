using System.Collections.Concurrent;
using Confab.Meetings.LiveState;

namespace Confab.Data.LiveState;

/// <summary>
/// Presence with a time to live (seed §5.1: 60 s, refreshed by heartbeat) on the injected clock. An expired
/// presence is invisible at once; expired entries are purged at most every <see cref="SweepInterval"/>, on
/// the next presence call, so the table never holds more than the users active within one interval plus a TTL.
/// </summary>
internal sealed class InMemoryPresenceTable(TimeProvider timeProvider)
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _nextSweepUtcTicks;

    /// <summary>Entries held, expired ones not yet purged included.</summary>
    public int Count => _entries.Count;

    public void Set(string userId, Presence presence, TimeSpan ttl)
    {
        var now = timeProvider.GetUtcNow();
        SweepIfDue(now);
        _entries[userId] = new Entry(presence, now + ttl);
    }

    public Presence? Get(string userId)
    {
        var now = timeProvider.GetUtcNow();
        SweepIfDue(now);
        if (!_entries.TryGetValue(userId, out var entry))
        {
            return null;
        }

        if (entry.HasExpired(now))
        {
            _entries.TryRemove(KeyValuePair.Create(userId, entry));
            return null;
        }

        return entry.Presence;
    }

    public void Remove(string userId)
    {
        SweepIfDue(timeProvider.GetUtcNow());
        _entries.TryRemove(userId, out _);
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        long due = Volatile.Read(ref _nextSweepUtcTicks);
        if (now.UtcTicks < due
            || Interlocked.CompareExchange(ref _nextSweepUtcTicks, (now + SweepInterval).UtcTicks, due) != due)
        {
            return; // not due yet, or another caller is sweeping
        }

        foreach (var (userId, entry) in _entries)
        {
            if (entry.HasExpired(now))
            {
                // Removes only this entry: a refresh that replaced it meanwhile survives.
                _entries.TryRemove(KeyValuePair.Create(userId, entry));
            }
        }
    }

    private sealed class Entry(Presence presence, DateTimeOffset expiresAt)
    {
        public Presence Presence { get; } = presence;

        /// <summary>A presence lives for strictly less than its TTL.</summary>
        public bool HasExpired(DateTimeOffset now) => now >= expiresAt;
    }
}
