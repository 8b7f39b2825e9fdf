using Confab.Client.Receive;
using Confab.Rtc.Rtp;
using Confab.Rtc.Sdp;

namespace Confab.Client.Tests.Receive;

public class NackTests
{
    private const long Start = 1_700_000_000_000_000;
    private const long Ms = 1000;

    private static ReceiveStreamStats Feed(IEnumerable<int> indexes, ushort firstSequence = 100)
    {
        var stats = new ReceiveStreamStats(0x1234, MediaKind.Video, 90_000);
        foreach (int i in indexes)
        {
            byte[] packet = PacketFeed.Audio(i, firstSequence, Start);
            Assert.True(RtpHeader.TryRead(packet, out RtpHeader header));
            stats.OnPacket(packet, header, Start);
        }
        return stats;
    }

    private static ushort[] Collect(ReceiveStreamStats stats, long atMicros)
    {
        Span<ushort> lost = stackalloc ushort[64];
        return lost[..stats.CollectNacks(lost, atMicros)].ToArray();
    }

    [Fact]
    public void A_gap_is_asked_for_three_times_100_ms_apart_then_given_up()
    {
        ReceiveStreamStats stats = Feed(Enumerable.Range(0, 20).Where(i => i is not (10 or 11)));

        Assert.Equal([110, 111], Collect(stats, Start));
        Assert.Empty(Collect(stats, Start + (50 * Ms)));
        Assert.Equal([110, 111], Collect(stats, Start + (100 * Ms)));
        Assert.Equal([110, 111], Collect(stats, Start + (200 * Ms)));
        Assert.Empty(Collect(stats, Start + (300 * Ms)));
    }

    [Fact]
    public void A_late_arrival_or_a_retransmission_ends_the_request_and_only_the_retransmission_counts_as_recovered()
    {
        ReceiveStreamStats stats = Feed(Enumerable.Range(0, 20).Where(i => i is not (10 or 11)));
        byte[] late = PacketFeed.Audio(10, 100, Start);
        Assert.True(RtpHeader.TryRead(late, out RtpHeader header));
        stats.OnPacket(late, header, Start);
        stats.OnRetransmission(111);
        stats.OnRetransmission(111); // a second copy repairs nothing more

        Assert.Empty(Collect(stats, Start));
        ReceiveStreamSnapshot s = stats.Snapshot();
        Assert.Equal(1, s.Recovered);
        Assert.Equal(1, s.Lost); // 111 was lost on the network; the retransmission does not hide it
    }

    [Fact]
    public void Gaps_across_the_sequence_wrap_are_asked_for_by_their_16_bit_numbers()
    {
        ReceiveStreamStats stats = Feed(Enumerable.Range(0, 10).Where(i => i != 5), firstSequence: 65_533);
        Assert.Equal([2], Collect(stats, Start)); // 65533 + 5 wraps to 2
    }

    [Fact]
    public void A_gap_longer_than_the_limit_is_not_asked_for()
    {
        ReceiveStreamStats stats = Feed([0, 1, NackTracker.MaxGap + 3]);
        Assert.Empty(Collect(stats, Start));
        Assert.Equal(NackTracker.MaxGap + 1, stats.Snapshot().Lost);
    }
}
