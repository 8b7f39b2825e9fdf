using Confab.Meetings.Chat;
using Microsoft.Extensions.Time.Testing;

namespace Confab.Meetings.Tests.Chat;

public class ChatRateLimiterTests
{
    [Fact]
    public void Ten_messages_pass_at_once_the_eleventh_waits_for_the_bucket_to_refill()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var limiter = new ChatRateLimiter(time);
        for (int i = 0; i < 10; i++)
        {
            Assert.True(limiter.TryTake("a"), $"message {i + 1}");
        }
        Assert.False(limiter.TryTake("a"));
        Assert.True(limiter.TryTake("b"), "each sender has a bucket");

        // 2 tokens a second: half a second gives one message back.
        time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.False(limiter.TryTake("a"));
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(limiter.TryTake("a"));
        Assert.False(limiter.TryTake("a"));

        // Never more than ten in any five seconds: a long pause fills the bucket to ten, not beyond.
        time.Advance(TimeSpan.FromMinutes(1));
        for (int i = 0; i < 10; i++)
        {
            Assert.True(limiter.TryTake("a"));
        }
        Assert.False(limiter.TryTake("a"));
    }

    [Fact]
    public void A_refund_gives_a_token_back()
    {
        var limiter = new ChatRateLimiter(new FakeTimeProvider());
        for (int i = 0; i < 10; i++)
        {
            Assert.True(limiter.TryTake("a"));
        }
        limiter.Refund("a");
        Assert.True(limiter.TryTake("a"));
        Assert.False(limiter.TryTake("a"));
    }
}
