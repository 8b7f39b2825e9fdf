using Confab.Rtc.Rtcp;

namespace Confab.Rtc.Tests.Rtcp;

public class ReceptionStatisticsTests
{
    [Theory]
    [InlineData(100, 100, 0)]
    [InlineData(100, 75, 64)]     // 25 % lost → 64/256
    [InlineData(100, 0, 255)]     // everything lost saturates below 256
    [InlineData(100, 110, 0)]     // duplicates: more than expected
    [InlineData(0, 0, 0)]
    [InlineData(3, 2, 85)]        // 1/3 → 85/256
    public void Fraction_lost_is_in_256ths(long expected, long received, byte fraction)
    {
        Assert.Equal(fraction, ReceptionStatistics.FractionLost(expected, received));
    }

    [Fact]
    public void Cumulative_lost_and_extended_highest()
    {
        Assert.Equal(5, ReceptionStatistics.CumulativeLost(105, 100));
        Assert.Equal(-3, ReceptionStatistics.CumulativeLost(100, 103));
        Assert.Equal(ReceptionReport.MaxCumulativeLost, ReceptionStatistics.CumulativeLost(20_000_000, 0));
        Assert.Equal(11, ReceptionStatistics.Expected(65530, 65540));
        Assert.Equal(0x0001_0004u, ReceptionStatistics.ExtendedHighestSequenceNumber(65540));
    }

    [Fact]
    public void Jitter_converges_to_a_constant_transit_difference()
    {
        long scaled = 0;
        for (int i = 0; i < 500; i++)
        {
            scaled = ReceptionStatistics.NextScaledJitter(scaled, i % 2 == 0 ? 160 : -160);
        }

        Assert.InRange(ReceptionStatistics.ScaledJitterToWire(scaled), 158u, 160u);
        Assert.Equal(10u, ReceptionStatistics.ScaledJitterToWire(ReceptionStatistics.NextScaledJitter(0, 160))); // first step: 160/16
    }

    [Fact]
    public void Compact_ntp_delays_and_round_trip_time()
    {
        Assert.Equal(0x6b2c5d80u, ReceptionStatistics.CompactNtp(0xe94a6b2c_5d800000));
        Assert.Equal(0x00018000u, ReceptionStatistics.DelayToCompact(TimeSpan.FromSeconds(1.5)));
        Assert.Equal(0u, ReceptionStatistics.DelayToCompact(TimeSpan.FromSeconds(-1)));
        Assert.Equal(uint.MaxValue, ReceptionStatistics.DelayToCompact(TimeSpan.FromDays(2)));

        // SR sent at LSR; receiver held it 1.5 s; report arrives 1.75 s after the SR: RTT 250 ms.
        uint lsr = 0x1000_0000;
        uint arrival = lsr + 0x0001_C000;
        Assert.Equal(TimeSpan.FromMilliseconds(250), ReceptionStatistics.RoundTripTime(arrival, lsr, 0x0001_8000));
        Assert.Equal(TimeSpan.Zero, ReceptionStatistics.RoundTripTime(arrival, 0, 0x0001_8000));
        Assert.Equal(TimeSpan.Zero, ReceptionStatistics.RoundTripTime(lsr, lsr, 0x0001_8000));
    }
}
