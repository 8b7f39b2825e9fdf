using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Confab.LoadGen.Measurement;

/// <summary>Reads a process's CPU time and memory from procfs (Linux only).</summary>
public static partial class ProcReader
{
    // sysconf(3) name of the clock tick rate on Linux (bits/confname.h: _SC_CLK_TCK = 2).
    private const int ScClockTicks = 2;

    // Linux has used USER_HZ = 100 for decades; the fallback if sysconf is unreachable.
    private const long DefaultClockTicksPerSecond = 100;
    private const long MicrosecondsPerSecond = 1_000_000;

    private static readonly long TicksPerSecond = ReadClockTicksPerSecond();

    /// <summary>The kernel's USER_HZ: the unit of utime and stime.</summary>
    public static long ClockTicksPerSecond => TicksPerSecond;

    /// <summary>Clock ticks to microseconds.</summary>
    public static long TicksToMicroseconds(long ticks) => ticks * MicrosecondsPerSecond / TicksPerSecond;

    /// <summary>Reads /proc/<paramref name="pid"/>/stat and status; false when the process is gone or the files are unreadable.</summary>
    public static bool TryRead(int pid, out ProcessSample sample)
    {
        sample = default;
        string directory = "/proc/" + pid.ToString(CultureInfo.InvariantCulture);
        string stat;
        string status;
        try
        {
            stat = File.ReadAllText(directory + "/stat");
            status = File.ReadAllText(directory + "/status");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        if (!ProcStat.TryParse(stat.TrimEnd('\n'), out ProcStat cpu)
            || !ProcStatus.TryReadKilobytes(status, ProcStatus.ResidentSetKey, out long rss))
        {
            return false;
        }

        sample = new ProcessSample(Stopwatch.GetTimestamp(), TicksToMicroseconds(cpu.TotalTicks), rss, cpu.Threads);
        return true;
    }

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial long SysConf(int name);

    private static long ReadClockTicksPerSecond()
    {
        try
        {
            long ticks = SysConf(ScClockTicks);
            return ticks > 0 ? ticks : DefaultClockTicksPerSecond;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return DefaultClockTicksPerSecond;
        }
    }
}
