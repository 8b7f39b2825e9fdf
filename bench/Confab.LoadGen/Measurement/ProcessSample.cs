namespace Confab.LoadGen.Measurement;

/// <summary>One reading of a process: when, its CPU time so far (user + system, all threads) and memory.</summary>
/// <param name="WallTimestamp">A <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> value.</param>
/// <param name="CpuMicroseconds">utime + stime, converted from clock ticks.</param>
/// <param name="ResidentKilobytes">VmRSS.</param>
/// <param name="Threads">num_threads.</param>
public readonly record struct ProcessSample(long WallTimestamp, long CpuMicroseconds, long ResidentKilobytes, int Threads);
