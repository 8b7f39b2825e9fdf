using Confab.Sfu.Forwarding;

namespace Confab.Sfu.Tests.Forwarding;

public class RtpMungerTests
{
    private const int VideoClock = 90_000;

    [Fact]
    public void FirstSegmentStartsAtZeroAndKeepsSourceSpacing()
    {
        var munger = new RtpMunger(VideoClock);
        Assert.True(munger.TryMunge(new IncomingRtp(1000, 500_000, false, true), 0, out long s0, out long t0));
        Assert.True(munger.TryMunge(new IncomingRtp(1001, 503_000, false, false), 33, out long s1, out long t1));
        Assert.Equal(0, s0);
        Assert.Equal(1, s1);
        Assert.Equal(500_000, t0);
        Assert.Equal(3_000, t1 - t0);
    }

    [Fact]
    public void ReorderedPacketsKeepTheirPlaceWithinASegment()
    {
        var munger = new RtpMunger(VideoClock);
        munger.TryMunge(new IncomingRtp(10, 0, false, true), 0, out _, out _);
        munger.TryMunge(new IncomingRtp(12, 0, false, false), 0, out long s12, out _);
        munger.TryMunge(new IncomingRtp(11, 0, false, false), 0, out long s11, out _);
        Assert.Equal(2, s12);
        Assert.Equal(1, s11);
        Assert.Equal(2, munger.HighestOutputSequence);
    }

    [Fact]
    public void NewSegmentContinuesGaplessWithTimeElapsedInTimestamp()
    {
        var munger = new RtpMunger(VideoClock);
        munger.TryMunge(new IncomingRtp(100, 1_000, false, true), 1_000, out _, out _);
        munger.TryMunge(new IncomingRtp(101, 4_000, false, false), 1_033, out long lastSeq, out long lastTs);

        // The source switches to a stream with unrelated numbering, 500 ms later.
        munger.StartNewSegment();
        Assert.True(munger.TryMunge(new IncomingRtp(70_000, 9_999_999, false, true), 1_533, out long seq, out long ts));
        Assert.Equal(lastSeq + 1, seq);
        Assert.Equal(lastTs + 500 * 90, ts);
    }

    [Fact]
    public void ACompressedBurstIsDrawnTowardsItsLastPacketAndWhatFollowsKeepsItsPace()
    {
        var munger = new RtpMunger(VideoClock);
        munger.StartNewSegment();
        munger.CompressNextSegmentUpTo(lastSequence: 12, lastTimestamp: 32_000);
        long[] sent = new long[5];
        long[] sources = [0, 16_000, 16_000, 32_000, 35_000]; // a key frame, a frame of two packets, the last, a live one
        for (int i = 0; i < sent.Length; i++)
        {
            Assert.True(munger.TryMunge(new IncomingRtp(9 + i, sources[i], false, i == 0), 100, out _, out sent[i]));
        }

        Assert.Equal(32_000 - 32_000 / RtpMunger.BurstTimeCompression, sent[0]);
        Assert.Equal(32_000 - 16_000 / RtpMunger.BurstTimeCompression, sent[1]);
        Assert.Equal(sent[1], sent[2]); // packets of one frame keep one timestamp
        Assert.Equal(32_000, sent[3]);
        Assert.Equal(35_000, sent[4]);
        Assert.Equal(sent[0], munger.MapTimestamp(9, 0)); // a retransmission maps as the first sending did
    }

    [Fact]
    public void CompressionAppliesToTheNextSegmentOnlyAndCanBeWithdrawn()
    {
        var munger = new RtpMunger(VideoClock);
        munger.CompressNextSegmentUpTo(lastSequence: 5, lastTimestamp: 9_000);
        munger.CancelPendingCompression();
        munger.TryMunge(new IncomingRtp(1, 0, false, true), 0, out _, out long first);
        munger.TryMunge(new IncomingRtp(2, 3_000, false, false), 33, out _, out long second);
        Assert.Equal(3_000, second - first);

        munger.CompressNextSegmentUpTo(lastSequence: 4, lastTimestamp: 9_000);
        munger.StartNewSegment();
        munger.TryMunge(new IncomingRtp(3, 6_000, false, true), 40, out _, out long third);
        munger.TryMunge(new IncomingRtp(4, 9_000, false, false), 40, out _, out long fourth);
        Assert.Equal(3_000 / RtpMunger.BurstTimeCompression, fourth - third);

        munger.StartNewSegment(); // a later segment (a layer switch) is not compressed
        munger.TryMunge(new IncomingRtp(500, 0, false, true), 100, out _, out long fifth);
        munger.TryMunge(new IncomingRtp(501, 3_000, false, false), 133, out _, out long sixth);
        Assert.Equal(3_000, sixth - fifth);
    }

    [Fact]
    public void LatePacketsOfTheOldSegmentAreRefused()
    {
        var munger = new RtpMunger(VideoClock);
        munger.TryMunge(new IncomingRtp(100, 0, false, true), 0, out _, out _);
        munger.StartNewSegment();
        munger.TryMunge(new IncomingRtp(200, 0, false, true), 10, out _, out _);
        Assert.False(munger.TryMunge(new IncomingRtp(150, 0, false, false), 20, out _, out _));
    }

    [Fact]
    public void OutputCrossesThe16BitBoundaryAsA64BitCount()
    {
        var munger = new RtpMunger(VideoClock);
        long seq = 0;
        for (long source = 65_530; source < 65_545; source++)
        {
            Assert.True(munger.TryMunge(new IncomingRtp(source, source * 3000, false, source == 65_530), 0, out seq, out _));
        }
        Assert.Equal(14, seq);
        Assert.Equal((ushort)14, (ushort)seq);
    }

    [Fact]
    public void NackedSequencesMapBackToTheSourceWithinTheSegmentOnly()
    {
        var munger = new RtpMunger(VideoClock);
        for (long s = 500; s < 510; s++)
        {
            munger.TryMunge(new IncomingRtp(s, 0, false, s == 500), 0, out _, out _);
        }
        Assert.True(munger.TryMapToSource(3, out long source));
        Assert.Equal(503, source);
        Assert.False(munger.TryMapToSource(10, out _)); // never sent

        munger.StartNewSegment();
        munger.TryMunge(new IncomingRtp(9_000, 0, false, true), 0, out long first, out _);
        Assert.Equal(10, first);
        Assert.False(munger.TryMapToSource(3, out _)); // belongs to the previous segment
        Assert.True(munger.TryMapToSource(10, out source));
        Assert.Equal(9_000, source);
    }
}
