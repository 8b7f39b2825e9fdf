using Confab.Rtc.Net;

namespace Confab.LoadGen.Media;

/// <summary>
/// The generator's one I/O thread for every participant (see <see cref="MediaIoLoop"/>), in SCHED_FIFO where the
/// machine allows it, as the SFU's packet thread is: then neither the generator's own other threads (signaling,
/// timers, the /proc sampler) nor the runtime's compiler hold its sends and receives off for a time slice, and what
/// the run measures is the server, not the generator's scheduling.
/// </summary>
public static class GeneratorLoop
{
    /// <summary>Below the SFU's default (10); they run on different cores in the benchmark anyway.</summary>
    public const int RealtimePriority = 5;

    /// <summary>The loop, or null where there is none (not Linux). Says on standard error when the priority was refused.</summary>
    public static MediaIoLoop? Create()
    {
        if (!MediaIoLoop.IsSupported)
        {
            return null;
        }
        var loop = new MediaIoLoop("loadgen-io", RealtimePriority);
        if (loop.RealtimeRefusal.Wait(TimeSpan.FromSeconds(5)) && loop.RealtimeRefusal.Result is { } refusal)
        {
            Console.Error.WriteLine($"load generator: the I/O thread runs at normal priority ({refusal})");
        }
        return loop;
    }
}
