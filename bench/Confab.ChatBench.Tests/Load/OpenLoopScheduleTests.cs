using System.Diagnostics;
using Confab.ChatBench.Load;

namespace Confab.ChatBench.Tests.Load;

public class OpenLoopScheduleTests
{
    [Fact]
    public void Messages_fall_due_at_the_offered_rate_and_the_warm_up_precedes_the_window()
    {
        long second = Stopwatch.Frequency;
        var schedule = new OpenLoopSchedule(origin: 1000, messagesPerSecond: 100, warmupSeconds: 2, windowSeconds: 3);

        Assert.Equal(500, schedule.Messages);
        Assert.Equal(200, schedule.FirstInWindow);
        Assert.Equal(0, schedule.DueBy(999));
        Assert.Equal(1, schedule.DueBy(1000));
        Assert.Equal(101, schedule.DueBy(1000 + second));
        Assert.Equal(500, schedule.DueBy(1000 + (10 * second)));
        Assert.Equal(1000 + (2 * second), schedule.DueAt(200));
        Assert.Equal(3.0, schedule.WindowSeconds, 6);
        Assert.False(schedule.InWindow(199));
        Assert.True(schedule.InWindow(200));
        Assert.False(schedule.InWindow(500));
    }
}
