using Confab.LoadGen.Media;
using Confab.Rtc.Metrics;

namespace Confab.LoadGen.Tests.Media;

public class StreamReceiveStatsTests
{
    private const long FrameIntervalMicroseconds = 20_000;

    // A sender's packets 0..count-1, sent every 20 ms, each arriving after a base delay.
    private static (ulong Counter, long Send, long Arrival)[] Stream(int count, long delayMicroseconds)
        => [.. Enumerable.Range(0, count).Select(i => ((ulong)i, i * FrameIntervalMicroseconds, (i * FrameIntervalMicroseconds) + delayMicroseconds))];

    private static StreamReceiveStats Receive(IEnumerable<(ulong Counter, long Send, long Arrival)> packets, LatencyHistogram? delays = null)
    {
        var stats = new StreamReceiveStats(delays ?? new LatencyHistogram());
        foreach ((ulong counter, long send, long arrival) in packets)
        {
            stats.Record(counter, send, arrival, 100);
        }

        return stats;
    }

    [Fact]
    public void A_clean_stream_has_no_loss_reordering_or_jitter()
    {
        StreamReceiveStats stats = Receive(Stream(1000, 1500));
        Assert.Equal(1000, stats.Received);
        Assert.Equal(1000, stats.Expected);
        Assert.Equal(0, stats.Lost);
        Assert.Equal(0, stats.Reordered);
        Assert.Equal(0, stats.Duplicates);
        Assert.Equal(0, stats.JitterMicroseconds);
        Assert.Equal(100_000, stats.Bytes);
    }

    [Fact]
    public void Injected_random_loss_is_counted_exactly()
    {
        var random = new Random(12345);
        var packets = Stream(10_000, 800).ToList();
        int dropped = 0;
        for (int i = packets.Count - 2; i > 0; i--)
        {
            if (random.NextDouble() < 0.03)
            {
                packets.RemoveAt(i);
                dropped++;
            }
        }

        StreamReceiveStats stats = Receive(packets);
        Assert.True(dropped > 200);
        Assert.Equal(dropped, stats.Lost);
        Assert.Equal(10_000, stats.Expected);
        Assert.Equal((double)dropped / 10_000, stats.LossFraction, 9);
    }

    [Fact]
    public void Reordered_packets_are_counted_and_are_not_loss()
    {
        var packets = Stream(100, 1000).ToList();
        (packets[10], packets[11]) = (packets[11], packets[10]);
        (packets[50], packets[53]) = (packets[53], packets[50]);

        StreamReceiveStats stats = Receive(packets);
        Assert.Equal(0, stats.Lost);
        // Arrival order ... 9, 11, 10, 12 ... 49, 53, 51, 52, 50, 54: 10 comes after 11, and 51, 52, 50 after 53.
        Assert.Equal(4, stats.Reordered);
    }

    [Fact]
    public void A_packet_older_than_the_first_seen_widens_the_expected_range()
    {
        var packets = Stream(10, 1000).ToList();
        (packets[0], packets[1]) = (packets[1], packets[0]);
        StreamReceiveStats stats = Receive(packets);
        Assert.Equal(10, stats.Expected);
        Assert.Equal(0, stats.Lost);
        Assert.Equal(1, stats.Reordered);
    }

    [Fact]
    public void Duplicates_are_counted_once_and_not_as_received()
    {
        var packets = Stream(20, 1000).ToList();
        packets.Insert(5, packets[3]);
        StreamReceiveStats stats = Receive(packets);
        Assert.Equal(20, stats.Received);
        Assert.Equal(1, stats.Duplicates);
        Assert.Equal(0, stats.Lost);
    }

    [Fact]
    public void Injected_delay_shows_in_the_quantiles()
    {
        var delays = new LatencyHistogram();
        // 99 packets at 1 ms, then 1 in 100 delayed to 50 ms.
        var packets = Stream(10_000, 1_000).Select(p => p.Counter % 100 == 99 ? (p.Counter, p.Send, p.Send + 50_000) : p);
        Receive(packets, delays);
        Assert.Equal(10_000, delays.Count);
        Assert.InRange(delays.Quantile(0.50), 1_000, 1_031);
        Assert.InRange(delays.Quantile(0.98), 1_000, 1_031);
        Assert.InRange(delays.Quantile(0.995), 48_500, 50_000);
        Assert.Equal(50_000, delays.Max);
    }

    [Fact]
    public void Jitter_follows_rfc3550_for_alternating_transit_times()
    {
        // Transit alternates 1000 and 3000 us: |D| = 2000 each step; J converges to 2000.
        var packets = Stream(2000, 0).Select(p => (p.Counter, p.Send, p.Arrival + (p.Counter % 2 == 0 ? 1_000 : 3_000)));
        StreamReceiveStats stats = Receive(packets);
        Assert.InRange(stats.JitterMicroseconds, 1_999, 2_000);
    }

    [Fact]
    public void Trailer_round_trips_and_refuses_short_or_foreign_payloads()
    {
        byte[] payload = new byte[1200];
        payload.AsSpan().Fill(0x5A);
        Assert.True(ProbeTrailer.TryWrite(payload, 0x0102030405060708, 123_456_789));
        Assert.True(ProbeTrailer.TryRead(payload, out ulong counter, out long send));
        Assert.Equal(0x0102030405060708UL, counter);
        Assert.Equal(123_456_789, send);
        Assert.Equal(0x5A, payload[1200 - ProbeTrailer.Size - 1]);

        Assert.False(ProbeTrailer.TryWrite(new byte[ProbeTrailer.Size - 1], 1, 1));
        Assert.False(ProbeTrailer.TryRead(new byte[ProbeTrailer.Size - 1], out _, out _));
        payload[^1] ^= 1;
        Assert.False(ProbeTrailer.TryRead(payload, out _, out _));
    }
}
