using Confab.Data.Database;
using Confab.Server.Auth;
using Confab.Server.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Confab.Server.Tests.Units;

public sealed class LoginThrottleTests
{
    private static readonly LoginThrottleSettings Limits = new(3, 5, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(10));

    private static (LoginThrottle Throttle, FakeTimeProvider Time) Create()
    {
        var settings = new ConfabSettings("/nowhere", null, DatabaseProvider.Sqlite, "Data Source=x", null, null,
            TimeSpan.FromHours(1), TimeSpan.FromDays(30), Limits);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        return (new LoginThrottle(settings, time), time);
    }

    [Fact]
    public void Locks_an_account_after_its_limit_for_the_lockout_since_the_last_failure()
    {
        var (throttle, time) = Create();
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(throttle.RetryAfter("a@example.com", null));
            throttle.RecordFailure("a@example.com", null);
            time.Advance(TimeSpan.FromMinutes(1));
        }
        // Last failure was one minute ago: nine minutes to wait.
        Assert.Equal(TimeSpan.FromMinutes(9), throttle.RetryAfter("a@example.com", null));
        Assert.Null(throttle.RetryAfter("b@example.com", null));
        time.Advance(TimeSpan.FromMinutes(9));
        Assert.Null(throttle.RetryAfter("a@example.com", null));
    }

    [Fact]
    public void Failures_older_than_the_window_are_forgotten()
    {
        var (throttle, time) = Create();
        throttle.RecordFailure("a@example.com", null);
        throttle.RecordFailure("a@example.com", null);
        time.Advance(TimeSpan.FromMinutes(16));
        throttle.RecordFailure("a@example.com", null);
        Assert.Null(throttle.RetryAfter("a@example.com", null));
    }

    [Fact]
    public void A_success_clears_the_account_but_not_the_client()
    {
        var (throttle, _) = Create();
        for (var i = 0; i < 5; i++)
        {
            throttle.RecordFailure($"user{i}@example.com", "198.51.100.1");
        }
        throttle.RecordSuccess("user0@example.com");
        Assert.NotNull(throttle.RetryAfter("fresh@example.com", "198.51.100.1"));
        Assert.Null(throttle.RetryAfter("fresh@example.com", "198.51.100.2"));
    }
}
