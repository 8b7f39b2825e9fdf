using System.Runtime.InteropServices;

namespace Confab.Rtc.Net;

/// <summary>
/// Puts the calling thread in Linux's SCHED_FIFO class (sched(7)), so that a datagram's arrival runs its thread at
/// once, ahead of the process's other threads on the same core (signaling, HTTP, timers, the runtime's background
/// compilation), which would otherwise hold the packet thread off for a time slice of milliseconds. The thread
/// sleeps whenever it has no datagram, and the kernel's real-time throttling (sched_rt_runtime_us) leaves the other
/// threads a share of the core even if it never did.
/// <para>Needs CAP_SYS_NICE (root) or an RLIMIT_RTPRIO at least the priority; elsewhere the thread keeps its class.</para>
/// </summary>
public static partial class RealtimeScheduling
{
    /// <summary>The highest SCHED_FIFO priority Linux accepts.</summary>
    public const int MaxPriority = 99;

    private const int SchedFifo = 1;

    [StructLayout(LayoutKind.Sequential)]
    private struct SchedParam
    {
        public int Priority;
    }

    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static partial int SetScheduler(int pid, int policy, ref SchedParam param);

    /// <summary>
    /// What a media thread does as it starts: <see cref="TryEnterFifo"/> at <paramref name="priority"/> when it is above
    /// 0, and nothing (null, no refusal) when it is 0, the setting for "stay in the normal class".
    /// </summary>
    public static string? TryEnterFifoIfAsked(int priority) => priority > 0 ? TryEnterFifo(priority) : null;

    /// <summary>
    /// Moves the calling thread to SCHED_FIFO at <paramref name="priority"/> (1 to <see cref="MaxPriority"/>).
    /// Returns null on success, else why not (not Linux, not permitted).
    /// </summary>
    public static string? TryEnterFifo(int priority)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(priority, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(priority, MaxPriority);
        if (!OperatingSystem.IsLinux())
        {
            return "real-time scheduling is set on Linux only";
        }
        var param = new SchedParam { Priority = priority };
        try
        {
            // pid 0: the calling thread (Linux applies the policy per thread).
            return SetScheduler(0, SchedFifo, ref param) == 0
                ? null
                : $"sched_setscheduler refused (errno {Marshal.GetLastPInvokeError()}: needs CAP_SYS_NICE or RLIMIT_RTPRIO)";
        }
        catch (EntryPointNotFoundException)
        {
            return "sched_setscheduler is missing";
        }
    }
}
