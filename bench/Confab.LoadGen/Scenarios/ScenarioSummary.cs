using System.Diagnostics;
using Confab.LoadGen.Measurement;

namespace Confab.LoadGen.Scenarios;

/// <summary>One received stream over the measured window: packet counts, and its delay quantiles as the receiver reports them.</summary>
public readonly record struct StreamWindow(long Expected, long Lost, long Reordered, long DelayP50Micros, long DelayP99Micros);

/// <summary>Builds a <see cref="ScenarioResult"/> from the window marks and the streams' windows.</summary>
public static class ScenarioSummary
{
    /// <summary>
    /// Delay: given as whole-run quantiles when the receivers keep one histogram (<paramref name="delayP50"/>,
    /// <paramref name="delayP99"/>); otherwise the median of the streams' medians and the 99th percentile of their
    /// 99th percentiles stand for the whole.
    /// </summary>
    public static ScenarioResult Build(string server, MeetingScenario scenario, int participantsUp, ProcessSample before, WindowMark start, WindowMark end,
        long peakRss, IReadOnlyList<StreamWindow> streams, string? failure, long? delayP50 = null, long? delayP99 = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(streams);
        double seconds = (double)(end.Server.WallTimestamp - start.Server.WallTimestamp) / Stopwatch.Frequency;
        long forwarded = end.ForwardedPackets - start.ForwardedPackets;
        long cpu = end.Server.CpuMicroseconds - start.Server.CpuMicroseconds;
        long generatorCpu = end.Generator.CpuMicroseconds - start.Generator.CpuMicroseconds;
        long expected = streams.Sum(s => s.Expected);
        long lost = Math.Max(0, streams.Sum(s => s.Lost));
        return new ScenarioResult(
            server, scenario.Name, scenario.Meetings, scenario.MeetingSize, scenario.Participants, participantsUp, Math.Round(seconds, 3),
            forwarded, seconds > 0 ? Math.Round(forwarded / seconds, 1) : 0,
            cpu, seconds > 0 ? Math.Round(cpu / 1e6 / seconds, 4) : 0,
            forwarded > 0 ? Math.Round((double)cpu / forwarded, 3) : 0,
            before.ResidentKilobytes, peakRss,
            participantsUp > 0 ? Math.Round((double)(peakRss - before.ResidentKilobytes) / participantsUp, 1) : 0,
            streams.Count, expected, lost, expected > 0 ? Math.Round((double)lost / expected, 6) : 0, streams.Sum(s => s.Reordered),
            delayP50 ?? Quantile(streams.Select(s => s.DelayP50Micros), 0.5),
            delayP99 ?? Quantile(streams.Select(s => s.DelayP99Micros), 0.99),
            seconds > 0 ? Math.Round(generatorCpu / 1e6 / seconds, 4) : 0,
            end.UdpReceiveBufferErrors - start.UdpReceiveBufferErrors,
            failure)
        {
            ServerSocketDrops = Difference(start.ServerSocketDrops, end.ServerSocketDrops),
            GeneratorSocketDrops = Difference(start.GeneratorSocketDrops, end.GeneratorSocketDrops),
        };
    }

    // A counter over the window; -1 when either end could not be read.
    private static long Difference(long? start, long? end) => start is { } first && end is { } last ? Math.Max(0, last - first) : -1;

    /// <summary>The value at quantile <paramref name="q"/> by the nearest-rank rule; 0 for no values.</summary>
    public static long Quantile(IEnumerable<long> values, double q)
    {
        long[] sorted = [.. values.Order()];
        return sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
