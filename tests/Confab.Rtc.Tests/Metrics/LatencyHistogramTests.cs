using Confab.Rtc.Metrics;

namespace Confab.Rtc.Tests.Metrics;

public class LatencyHistogramTests
{
    [Fact]
    public void Buckets_keep_three_percent_precision_over_the_whole_range()
    {
        var random = new Random(12345);
        for (int i = 0; i < 100_000; i++)
        {
            long value = (long)Math.Pow(2, random.NextDouble() * 40);
            int index = LatencyHistogram.IndexOf(value);
            long upper = LatencyHistogram.UpperEdge(index);
            Assert.True(upper >= value, $"{value} -> bucket {index} ends at {upper}");
            Assert.True(upper - value <= Math.Max(1, value / 32), $"{value} -> bucket {index} ends at {upper}");
            Assert.True(index == 0 || LatencyHistogram.UpperEdge(index - 1) < value, $"{value} belongs before bucket {index}");
        }
    }

    [Fact]
    public void Quantiles_and_cumulative_counts_follow_the_recorded_values()
    {
        var histogram = new LatencyHistogram();
        for (long v = 1; v <= 1000; v++)
        {
            histogram.Record(v); // 1..1000 µs, one each
        }
        histogram.Record(-5); // a clock step counts as 0

        Assert.Equal(1001, histogram.Count);
        Assert.InRange(histogram.Quantile(0.5), 500, 500 + (500 / 32));
        Assert.InRange(histogram.Quantile(0.99), 990, 990 + (990 / 32));
        Assert.Equal(1000, histogram.Quantile(1));
        Assert.Equal(64, histogram.CountAtOrBelow(63));           // 0..63: one bucket each
        Assert.InRange(histogram.CountAtOrBelow(500), 500 - 16, 501);
        Assert.Equal(1001, histogram.CountAtOrBelow(long.MaxValue));
        Assert.Equal(0, histogram.CountAtOrBelow(-1));
    }
}
