using Confab.Meetings.Rooms;
using Microsoft.Extensions.Time.Testing;

namespace Confab.Meetings.Tests.Rooms;

public class JoinThrottleTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly FakeTimeProvider _time = new(RoomFixture.Start);

    private JoinThrottle Throttle(int perIp = 3, int perMeeting = 5, int maxKeys = 1000) =>
        new(new JoinThrottleOptions(perIp, perMeeting, Window, maxKeys), _time);

    [Fact]
    public void An_address_is_held_back_after_its_limit_until_the_oldest_failure_leaves_the_window()
    {
        var throttle = Throttle();
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(throttle.RetryAfter("m" + i, "10.0.0.1"));
            throttle.RecordFailure("m" + i, "10.0.0.1");
            _time.Advance(TimeSpan.FromSeconds(10));
        }

        // Failures at 0 s, 10 s, 20 s; now 30 s: the first leaves the window at 60 s.
        Assert.Equal(TimeSpan.FromSeconds(30), throttle.RetryAfter("other", "10.0.0.1"));
        Assert.Null(throttle.RetryAfter("other", "10.0.0.2"));
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(TimeSpan.FromSeconds(1), throttle.RetryAfter("other", "10.0.0.1"));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(throttle.RetryAfter("other", "10.0.0.1"));
    }

    [Fact]
    public void A_meeting_is_held_back_after_its_limit_from_any_address()
    {
        var throttle = Throttle(perIp: 100, perMeeting: 5);
        for (var i = 0; i < 5; i++)
        {
            throttle.RecordFailure("85012345678", "192.0.2." + i);
        }

        Assert.Equal(Window, throttle.RetryAfter("85012345678", "198.51.100.7"));
        Assert.Null(throttle.RetryAfter("85099999999", "198.51.100.7"));
    }

    [Fact]
    public void The_longer_of_the_two_waits_is_answered()
    {
        var throttle = Throttle(perIp: 1, perMeeting: 2);
        throttle.RecordFailure("m", "a");
        _time.Advance(TimeSpan.FromSeconds(20));
        throttle.RecordFailure("m", "b");
        // Address b: wait 60 s; meeting m: its oldest failure was 20 s ago, wait 40 s.
        Assert.Equal(Window, throttle.RetryAfter("m", "b"));
        Assert.Equal(TimeSpan.FromSeconds(40), throttle.RetryAfter("m", "c"));
    }

    [Fact]
    public void Keys_idle_for_a_window_are_purged()
    {
        var throttle = Throttle();
        for (var i = 0; i < 50; i++)
        {
            throttle.RecordFailure("m" + i, "ip" + i);
        }

        Assert.Equal(100, throttle.TrackedKeys);
        _time.Advance(Window);
        throttle.RecordFailure("fresh", "fresh-ip");
        Assert.Equal(2, throttle.TrackedKeys);
    }

    [Fact]
    public void Tracked_keys_never_exceed_the_bound_and_the_least_recent_are_forgotten()
    {
        var throttle = Throttle(maxKeys: 10);
        for (var i = 0; i < 40; i++)
        {
            throttle.RecordFailure("m" + i, "ip" + i);
            _time.Advance(TimeSpan.FromMilliseconds(10));
            Assert.True(throttle.TrackedKeys <= 10, $"{throttle.TrackedKeys} keys after {i + 1} failures");
        }

        // The newest address still counts, with the throttle now at its limit.
        throttle.RecordFailure("m39", "ip39");
        throttle.RecordFailure("m39", "ip39");
        Assert.NotNull(throttle.RetryAfter("any", "ip39"));
    }

    [Fact]
    public void Memory_per_key_is_bounded_by_its_limit()
    {
        var throttle = Throttle(perIp: 3, perMeeting: 3);
        for (var i = 0; i < 1000; i++)
        {
            throttle.RecordFailure("m", "ip");
        }

        Assert.Equal(Window, throttle.RetryAfter("m", "ip"));
        _time.Advance(Window);
        Assert.Null(throttle.RetryAfter("m", "ip"));
    }

    [Fact]
    public void Bad_options_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new JoinThrottle(new JoinThrottleOptions(MaxFailuresPerIp: 0), _time));
        Assert.Throws<ArgumentOutOfRangeException>(() => new JoinThrottle(new JoinThrottleOptions(Window: TimeSpan.Zero), _time));
    }
}
