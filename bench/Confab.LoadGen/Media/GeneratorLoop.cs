using Confab.Rtc.Net;

namespace Confab.LoadGen.Media;

/// <summary>
/// The generator's one I/O thread for all its synthetic participants (Linux), at SCHED_FIFO priority where the
/// process may ask for it (root, as bench/run.sh runs). Its sources must send when they are due, as independent
/// clients would: at normal priority the process's other threads on the same core (signaling, timers, the
/// runtime's) take time slices of milliseconds from it, its sources then send late and all at once, and the server
/// is measured queueing bursts that no population of real clients sends.
/// </summary>
public static class GeneratorLoop
{
    public const int RealtimePriority = 10;

    /// <summary>The loop, or null where there is none (not Linux); a refused priority is said on stderr and in the result.</summary>
    public static MediaIoLoop? Open()
    {
        if (!MediaIoLoop.IsSupported)
        {
            return null;
        }
        var loop = new MediaIoLoop("loadgen-io", RealtimePriority);
        loop.RealtimeRefusal.ContinueWith(
            refusal =>
            {
                if (refusal.Result is string why)
                {
                    Console.Error.WriteLine($"generator I/O thread at normal priority: {why}");
                }
            },
            CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        return loop;
    }
}
