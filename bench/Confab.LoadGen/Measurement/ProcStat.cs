using System.Globalization;

namespace Confab.LoadGen.Measurement;

/// <summary>
/// The CPU counters of one process from <c>/proc/&lt;pid&gt;/stat</c> (proc(5)):
/// <code>
/// pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime ...
///  1    2      3    4    5     6       7     8     9     10     11     12      13     14    15
/// ... cutime cstime priority nice num_threads itrealvalue starttime vsize rss ...
///      16     17      18      19     20          21          22       23   24
/// </code>
/// comm may itself hold spaces and parentheses, so fields are counted from the last ')'.
/// utime and stime are in clock ticks (sysconf(_SC_CLK_TCK)); they cover all of the process's threads.
/// </summary>
/// <param name="UserTicks">utime: time scheduled in user mode.</param>
/// <param name="SystemTicks">stime: time scheduled in kernel mode.</param>
/// <param name="Threads">num_threads.</param>
public readonly record struct ProcStat(long UserTicks, long SystemTicks, int Threads)
{
    // Indexes among the space-separated fields after "(comm) ": field 3 (state) is index 0.
    private const int FirstFieldAfterComm = 3;
    private const int UtimeIndex = 14 - FirstFieldAfterComm;
    private const int StimeIndex = 15 - FirstFieldAfterComm;
    private const int NumThreadsIndex = 20 - FirstFieldAfterComm;

    /// <summary>utime + stime.</summary>
    public long TotalTicks => UserTicks + SystemTicks;

    /// <summary>Parses the one line of a stat file; false for anything malformed.</summary>
    public static bool TryParse(string? line, out ProcStat stat)
    {
        stat = default;
        if (line is null)
        {
            return false;
        }

        int commEnd = line.LastIndexOf(')');
        if (commEnd < 0 || commEnd + 2 > line.Length)
        {
            return false;
        }

        string[] fields = line[(commEnd + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length <= NumThreadsIndex
            || !long.TryParse(fields[UtimeIndex], NumberStyles.None, CultureInfo.InvariantCulture, out long user)
            || !long.TryParse(fields[StimeIndex], NumberStyles.None, CultureInfo.InvariantCulture, out long system)
            || !int.TryParse(fields[NumThreadsIndex], NumberStyles.None, CultureInfo.InvariantCulture, out int threads))
        {
            return false;
        }

        stat = new ProcStat(user, system, threads);
        return true;
    }
}
