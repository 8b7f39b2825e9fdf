using Confab.ChatBench.Measurement;

namespace Confab.ChatBench.Tests.Measurement;

public class LatencyHistogramTests
{
    [Fact]
    public void Small_values_are_counted_exactly()
    {
        var histogram = new LatencyHistogram();
        for (int v = 1; v <= 100; v++)
        {
            histogram.Record(v);
        }
        Assert.Equal(100, histogram.Count);
        Assert.Equal(50, histogram.Quantile(0.50));
        Assert.Equal(99, histogram.Quantile(0.99));
        Assert.Equal(100, histogram.Quantile(1.0));
        Assert.Equal(1, histogram.Min);
        Assert.Equal(100, histogram.Max);
    }

    [Fact]
    public void Large_values_land_in_a_bucket_at_most_one_sixty_fourth_wide_and_never_above_the_maximum()
    {
        var histogram = new LatencyHistogram();
        for (long v = 1000; v <= 1_000_000; v += 1000)
        {
            histogram.Record(v);
        }
        long p99 = histogram.Quantile(0.99);   // the 990th value: 990 000
        Assert.InRange(p99, 990_000, 990_000 + (990_000 / 64));
        Assert.Equal(1_000_000, histogram.Quantile(1.0));
        Assert.Equal(-1, new LatencyHistogram().Quantile(0.5));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(4095)]
    [InlineData(50_000)]
    [InlineData(long.MaxValue)]
    public void Every_value_lies_within_its_bucket(long value)
    {
        int index = LatencyHistogram.IndexOf(value);
        Assert.True(LatencyHistogram.UpperBoundOf(index) >= value);
        Assert.True(index == 0 || LatencyHistogram.UpperBoundOf(index - 1) < value);
    }

    [Fact]
    public void Merged_histograms_count_both_and_negative_values_count_as_zero()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        a.Record(-5);
        b.Record(10);
        b.Record(20);
        a.Add(b);
        Assert.Equal(3, a.Count);
        Assert.Equal(0, a.Min);
        Assert.Equal(20, a.Max);
        Assert.Equal(10, a.Quantile(0.5));
    }
}
