using System.Collections.Concurrent;
using Confab.Server.Hosting;

namespace Confab.Server.Auth;

/// <summary>
/// Counts failed logins per account (e-mail) and per client IP within a window; once a key reaches its
/// limit, further logins for it are refused until the lockout since its last failure has passed.
/// Kept in process memory: a restart forgives.
/// </summary>
public sealed class LoginThrottle(ConfabSettings settings, TimeProvider time)
{
    private const int PruneAbove = 10_000;

    private readonly LoginThrottleSettings _limits = settings.LoginThrottle;
    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    /// <summary>How long the caller must wait, or null when a login may be tried now.</summary>
    public TimeSpan? RetryAfter(string email, string? clientIp)
    {
        var now = time.GetUtcNow();
        var wait = WaitFor(AccountKey(email), _limits.MaxFailuresPerAccount, now);
        if (clientIp is not null)
        {
            var ipWait = WaitFor(ClientKey(clientIp), _limits.MaxFailuresPerClient, now);
            if (ipWait > wait)
            {
                wait = ipWait;
            }
        }
        return wait > TimeSpan.Zero ? wait : null;
    }

    public void RecordFailure(string email, string? clientIp)
    {
        var now = time.GetUtcNow();
        Add(AccountKey(email), now);
        if (clientIp is not null)
        {
            Add(ClientKey(clientIp), now);
        }
        if (_failures.Count > PruneAbove)
        {
            Prune(now);
        }
    }

    /// <summary>A good login clears the account's count (not the client's: one success must not reset a spray).</summary>
    public void RecordSuccess(string email) => _failures.TryRemove(AccountKey(email), out _);

    private TimeSpan WaitFor(string key, int limit, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var failures))
        {
            return TimeSpan.Zero;
        }
        lock (failures)
        {
            if (failures.Count < limit)
            {
                return TimeSpan.Zero;
            }
            var until = failures.Last + _limits.Lockout;
            return until > now ? until - now : TimeSpan.Zero;
        }
    }

    private void Add(string key, DateTimeOffset now)
    {
        var failures = _failures.GetOrAdd(key, _ => new Failures());
        lock (failures)
        {
            var locked = failures.Count > 0 && now < failures.Last + _limits.Lockout;
            if (failures.Count == 0 || (now - failures.First > _limits.Window && !locked))
            {
                failures.First = now;
                failures.Count = 0;
            }
            failures.Count++;
            failures.Last = now;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, failures) in _failures)
        {
            if (now - failures.Last > _limits.Window + _limits.Lockout)
            {
                _failures.TryRemove(key, out _);
            }
        }
    }

    private static string AccountKey(string email) => "account:" + email;
    private static string ClientKey(string ip) => "client:" + ip;

    private sealed class Failures
    {
        public DateTimeOffset First;
        public DateTimeOffset Last;
        public int Count;
    }
}
