using System.Diagnostics;

namespace Confab.Data.Tests.Engines;

/// <summary>Waits on a condition a real engine reaches in its own time (e.g. a key expiring), never on a fixed sleep.</summary>
public static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Returns once <paramref name="condition"/> holds; fails naming <paramref name="what"/> after <paramref name="deadline"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan deadline, string what)
    {
        var elapsed = Stopwatch.StartNew();
        while (!await condition())
        {
            if (elapsed.Elapsed > deadline)
            {
                Assert.Fail($"Waited {deadline.TotalSeconds} s for {what}; it did not happen.");
            }

            await Task.Delay(Interval);
        }
    }
}
