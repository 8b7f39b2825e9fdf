using Confab.LoadGen.Measurement;

namespace Confab.LoadGen.Tests.Measurement;

public class HoldTimeBucketsTests
{
    private static string Metrics(params (string Le, long Count)[] buckets) =>
        "# TYPE confab_media_hold_time_us_bucket_total counter\n"
        + string.Concat(buckets.Select(b => $"confab_media_hold_time_us_bucket_total{{otel_scope_name=\"Confab.Media\",le=\"{b.Le}\"}} {b.Count}\n"))
        + "confab_media_rtp_forwarded_total{otel_scope_name=\"Confab.Media\"} 123\n";

    [Fact]
    public void Quantiles_of_a_window_are_interpolated_within_the_bucket_that_holds_them()
    {
        HoldTimeBuckets before = HoldTimeBuckets.Parse(Metrics(("100", 50), ("200", 50), ("1000", 50), ("+Inf", 50)))!;
        // In the window: 100 datagrams at most 100 µs, 100 more up to 200 µs, none above.
        HoldTimeBuckets after = HoldTimeBuckets.Parse(Metrics(("100", 150), ("200", 250), ("1000", 250), ("+Inf", 250)))!;

        Assert.Equal(250, after.Total);
        Assert.Equal(100, after.QuantileSince(before, 0.5), 3);   // the 100th of 200: the top of the first bucket
        Assert.Equal(198, after.QuantileSince(before, 0.99), 3);  // the 198th: 98 of 100 into (100, 200]
        Assert.Equal(-1, after.QuantileSince(after, 0.5));        // nothing counted in between
    }

    [Fact]
    public void The_open_last_bucket_gives_its_lower_bound_and_text_without_buckets_gives_none()
    {
        HoldTimeBuckets empty = HoldTimeBuckets.Parse(Metrics(("100", 0), ("+Inf", 0)))!;
        HoldTimeBuckets slow = HoldTimeBuckets.Parse(Metrics(("100", 1), ("+Inf", 10)))!;
        Assert.Equal(100, slow.QuantileSince(empty, 0.99));
        Assert.Null(HoldTimeBuckets.Parse("confab_media_rtp_forwarded_total 5\n"));
    }
}
