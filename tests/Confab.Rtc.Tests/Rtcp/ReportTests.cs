using Confab.Rtc.Rtcp;
using Confab.Rtc.Tests.Rtp;

namespace Confab.Rtc.Tests.Rtcp;

public class ReportTests
{
    private static readonly ReceptionReport SampleBlock = new(
        Ssrc: 0x0a0b0c0d,
        FractionLost: 0x40,
        CumulativeLost: -2,
        ExtendedHighestSequenceNumber: 0x00010005,
        Jitter: 34,
        LastSenderReport: 0x4a6b2c5d,
        DelaySinceLastSenderReport: 0x00018000);

    [Fact]
    public void Reads_the_chromium_sender_report()
    {
        var data = RtcpSamples.SenderReportAndSdes();
        Assert.True(RtcpPacket.TryRead(data, out var packet));
        Assert.True(SenderReport.TryRead(packet, out var report));

        Assert.Equal(RtcpSamples.ChromeSsrc, report.SenderSsrc);
        Assert.Equal(new SenderInfo(0xe94a6b2c_5d800000, 90000, 300, 300000), report.Info);
        Assert.Equal(0, report.ReportCount);
        Assert.True(report.ProfileExtensions.IsEmpty);
    }

    [Fact]
    public void Reads_a_report_block_with_negative_cumulative_loss()
    {
        Assert.True(SenderReport.TryRead(RtcpSamples.SenderReportWithBlock(), out var report));
        Assert.Equal(1, report.ReportCount);
        Assert.Equal(SampleBlock, report.GetReport(0));
        Assert.Equal(default, report.GetReport(1));
        Assert.Equal(TimeSpan.FromSeconds(1.5), ReceptionStatistics.CompactToDelay(report.GetReport(0).DelaySinceLastSenderReport));
    }

    [Fact]
    public void Sender_report_round_trips()
    {
        var buffer = new byte[SenderReport.GetMarshalSize(1)];
        var info = new SenderInfo(0xe94a6b2c_5d800000, 90000, 300, 300000);
        Assert.True(SenderReport.TryWrite(buffer, RtcpSamples.ChromeSsrc, info, [SampleBlock], out int written));
        Assert.Equal(52, written);
        Assert.Equal(Hex.Of(RtcpSamples.SenderReportWithBlock()), Hex.Of(buffer));
    }

    [Fact]
    public void Receiver_report_round_trips_31_blocks()
    {
        var blocks = Enumerable.Range(0, 31).Select(i => SampleBlock with { Ssrc = (uint)i, CumulativeLost = (i * 1000) - 8_000 }).ToArray();
        var buffer = new byte[ReceiverReport.GetMarshalSize(31)];
        Assert.True(ReceiverReport.TryWrite(buffer, 77, blocks, out int written));
        Assert.Equal(8 + (31 * 24), written);

        Assert.True(ReceiverReport.TryRead(buffer, out var report));
        Assert.Equal(77u, report.SenderSsrc);
        Assert.Equal(31, report.ReportCount);
        for (int i = 0; i < 31; i++)
        {
            Assert.Equal(blocks[i], report.GetReport(i));
        }

        Assert.False(ReceiverReport.TryWrite(new byte[1024], 77, new ReceptionReport[32], out _));
        Assert.False(ReceiverReport.TryWrite(new byte[written - 1], 77, blocks, out _));
    }

    [Fact]
    public void Cumulative_loss_is_clamped_to_24_bits_signed()
    {
        var buffer = new byte[ReceptionReport.Length];
        Assert.True((SampleBlock with { CumulativeLost = 10_000_000 }).TryWrite(buffer));
        Assert.Equal("7fffff", Hex.Of(buffer.AsSpan(5, 3)));
        Assert.True(ReceptionReport.TryRead(buffer, out var high));
        Assert.Equal(ReceptionReport.MaxCumulativeLost, high.CumulativeLost);

        Assert.True((SampleBlock with { CumulativeLost = -10_000_000 }).TryWrite(buffer));
        Assert.Equal("800000", Hex.Of(buffer.AsSpan(5, 3)));
        Assert.True(ReceptionReport.TryRead(buffer, out var low));
        Assert.Equal(ReceptionReport.MinCumulativeLost, low.CumulativeLost);
        Assert.False(ReceptionReport.TryRead(buffer.AsSpan(0, 23), out _));
    }

    [Theory]
    [InlineData("80 c8 0005 00000001 0000000000000000 00000000 00000000", "SR body 20 bytes")]
    [InlineData("81 c8 0006 00000001 0000000000000000 00000000 00000000 00000000", "SR with RC=1 but no block")]
    [InlineData("80 c8 0000", "SR header only")]
    [InlineData("81 c9 0001 00000001", "RR with RC=1 but no block")]
    [InlineData("80 c9 0000", "RR without SSRC")]
    public void Truncated_reports_are_rejected(string hex, string name)
    {
        var data = Hex.Bytes(hex);
        Assert.True(RtcpPacket.TryRead(data, out var packet), name);
        Assert.False(SenderReport.TryRead(packet, out _) || ReceiverReport.TryRead(packet, out _), name);
    }

    [Fact]
    public void Wrong_type_is_rejected()
    {
        Assert.False(ReceiverReport.TryRead(RtcpSamples.SenderReportWithBlock(), out _));
        Assert.False(SenderReport.TryRead(RtcpSamples.Nack(), out _));
    }

    [Fact]
    public void Profile_extensions_after_the_blocks_are_kept()
    {
        var data = Hex.Bytes("80 c9 0002 00000001 cafebabe"); // RR, RC=0, then 4 bytes of extension
        Assert.True(ReceiverReport.TryRead(data, out var report));
        Assert.Equal("cafebabe", Hex.Of(report.ProfileExtensions));
    }
}
