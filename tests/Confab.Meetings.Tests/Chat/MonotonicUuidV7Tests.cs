using Confab.Meetings.Chat;
namespace Confab.Meetings.Tests.Chat;

public class MonotonicUuidV7Tests
{
    [Fact]
    public void Ids_within_one_millisecond_and_after_the_clock_steps_back_still_increase()
    {
        var start = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        var time = new SettableClock { Now = start };
        var ids = new MonotonicUuidV7(time);
        var made = new List<Guid>();
        for (int i = 0; i < 1000; i++)
        {
            made.Add(ids.Next());
        }
        time.Now = start.AddMilliseconds(3);
        made.Add(ids.Next());
        time.Now = start.AddSeconds(-1);
        made.Add(ids.Next());

        for (int i = 1; i < made.Count; i++)
        {
            Assert.True(made[i - 1].CompareTo(made[i]) < 0, $"id {i}");
            Assert.True(string.CompareOrdinal(made[i - 1].ToString(), made[i].ToString()) < 0, $"string order of id {i}");
        }
        Assert.All(made, id => Assert.Equal(7, id.Version));
        Assert.All(made, id => Assert.Equal(0b10, id.Variant >> 2));
        Assert.Equal(start.ToUnixTimeMilliseconds(), TimestampOf(made[0]));
        Assert.Equal(start.ToUnixTimeMilliseconds() + 3, TimestampOf(made[1000]));
    }

    [Fact]
    public void The_random_bits_carry_into_the_timestamp_when_they_run_out()
    {
        var last = MonotonicUuidV7.Compose(1000, 0xFFF, (1UL << 62) - 1);
        var next = MonotonicUuidV7.Compose(1001, 0, 0);
        Assert.True(last.CompareTo(next) < 0);
        Assert.Equal(1000, TimestampOf(last));
    }

    private static long TimestampOf(Guid id) => Convert.ToInt64(id.ToString("N")[..12], 16);

    // A clock that may step back, as a system clock can.
    private sealed class SettableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
