using System.Diagnostics;
using Confab.LoadGen.Measurement;

namespace Confab.LoadGen.Tests.Measurement;

public class ProcReaderTests
{
    [Fact]
    public void Stat_line_with_spaces_and_parentheses_in_comm_is_read_from_the_last_parenthesis()
    {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
        //   cutime cstime priority nice num_threads ...
        const string line = "4242 (my (odd) proc) S 1 4242 4242 0 -1 4194560 1000 0 3 0 1234 567 0 0 20 0 17 0 99 1000000 300";
        Assert.True(ProcStat.TryParse(line, out ProcStat stat));
        Assert.Equal(1234, stat.UserTicks);
        Assert.Equal(567, stat.SystemTicks);
        Assert.Equal(1801, stat.TotalTicks);
        Assert.Equal(17, stat.Threads);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("4242 no-parenthesis S 1 2 3")]
    [InlineData("4242 (short) S 1 4242")]
    [InlineData("4242 (bad) S 1 4242 4242 0 -1 4194560 1000 0 3 0 x12 567 0 0 20 0 17 0 99")]
    [InlineData("4242 (neg) S 1 4242 4242 0 -1 4194560 1000 0 3 0 -5 567 0 0 20 0 17 0 99")]
    public void Malformed_stat_lines_are_refused(string? line)
    {
        Assert.False(ProcStat.TryParse(line, out _));
    }

    [Fact]
    public void Status_gives_resident_and_peak_kilobytes()
    {
        const string status = "Name:\tcat\nVmPeak:\t    5000 kB\nVmHWM:\t    2100 kB\nVmRSS:\t    1972 kB\nThreads:\t1\n";
        Assert.True(ProcStatus.TryReadKilobytes(status, ProcStatus.ResidentSetKey, out long rss));
        Assert.Equal(1972, rss);
        Assert.True(ProcStatus.TryReadKilobytes(status, ProcStatus.PeakResidentSetKey, out long peak));
        Assert.Equal(2100, peak);
        Assert.False(ProcStatus.TryReadKilobytes(status, "VmSwap", out _));
        Assert.False(ProcStatus.TryReadKilobytes("VmRSS:\t 12 MB\n", ProcStatus.ResidentSetKey, out _));
    }

    [Fact]
    public void Own_process_cpu_time_grows_by_at_least_the_work_done_and_memory_is_plausible()
    {
        int pid = Environment.ProcessId;
        Assert.True(ProcReader.TryRead(pid, out ProcessSample before));

        // Burn CPU on this thread until the thread's own CPU clock says 300 ms were used, so the
        // process's utime+stime (10 ms ticks) must have grown by at least that much minus one tick.
        TimeSpan start = Process.GetCurrentProcess().TotalProcessorTime;
        ulong spin = 0;
        while (Process.GetCurrentProcess().TotalProcessorTime - start < TimeSpan.FromMilliseconds(300))
        {
            for (int i = 0; i < 100_000; i++)
            {
                spin = unchecked((spin * 6364136223846793005UL) + 1442695040888963407UL);
            }
        }

        Assert.True(ProcReader.TryRead(pid, out ProcessSample after));
        long tickMicroseconds = ProcReader.TicksToMicroseconds(1);
        Assert.True(after.CpuMicroseconds - before.CpuMicroseconds >= 300_000 - tickMicroseconds,
            $"cpu grew by {after.CpuMicroseconds - before.CpuMicroseconds} us (spin {spin})");
        Assert.InRange(after.ResidentKilobytes, 1_000, 16_000_000);
        Assert.True(after.Threads >= 1);
        Assert.True(after.WallTimestamp > before.WallTimestamp);
    }

    [Fact]
    public void A_process_that_does_not_exist_is_not_read()
    {
        Assert.False(ProcReader.TryRead(int.MaxValue, out _));
    }

    [Fact]
    public void Usage_is_cpu_and_memory_between_the_window_start_and_the_last_sample()
    {
        long second = Stopwatch.Frequency;
        ProcessSample[] samples =
        [
            new(0, 1_000_000, 500, 4),
            new(second, 1_200_000, 900, 4),
            new(2 * second, 1_700_000, 1_500, 4),
            new(3 * second, 2_200_000, 1_100, 4),
        ];

        ProcessUsage usage = ProcessUsage.From(samples, second);
        Assert.Equal(1_000_000, usage.CpuMicroseconds);
        Assert.Equal(2.0, usage.WallSeconds, 6);
        Assert.Equal(0.5, usage.CoresUsed, 6);
        Assert.Equal(900, usage.StartResidentKilobytes);
        Assert.Equal(1_500, usage.PeakResidentKilobytes);
        Assert.Equal(1_100, usage.EndResidentKilobytes);
        Assert.Equal(default, ProcessUsage.From(samples, 3 * second));
    }

    [Fact]
    public async Task Sampler_collects_samples_of_the_test_process_until_stopped()
    {
        await using var sampler = new ProcessSampler(Environment.ProcessId, TimeSpan.FromMilliseconds(10));
        sampler.Start();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (sampler.Samples.Count < 3)
        {
            await Task.Delay(5, timeout.Token);
        }

        await sampler.StopAsync();
        int count = sampler.Samples.Count;
        Assert.True(count >= 4);
        Assert.True(sampler.Summarize().WallSeconds > 0);
        Assert.Equal(count, sampler.Samples.Count);
    }
}
