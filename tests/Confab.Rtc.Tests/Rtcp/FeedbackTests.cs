using Confab.Rtc.Rtcp;
using Confab.Rtc.Tests.Rtp;

namespace Confab.Rtc.Tests.Rtcp;

public class FeedbackTests
{
    [Fact]
    public void Nack_expands_pid_and_blp_bits()
    {
        Assert.True(GenericNack.TryRead(RtcpSamples.Nack(), out var nack));
        Assert.Equal(1u, nack.SenderSsrc);
        Assert.Equal(0xdeadbeefu, nack.MediaSsrc);
        Assert.Equal(1, nack.PairCount);
        Assert.Equal(((ushort)1111, (ushort)0x0005), nack.GetPair(0));
        Assert.Equal(3, nack.LostCount);

        Span<ushort> lost = stackalloc ushort[17];
        Assert.True(nack.TryExpand(lost, out int count));
        Assert.Equal(new ushort[] { 1111, 1112, 1114 }, lost[..count].ToArray());
    }

    [Fact]
    public void Nack_with_several_pairs_and_the_highest_blp_bit_wraps()
    {
        var data = Hex.Bytes(
            "81 cd 0004",   // RTPFB FMT=1, 20 bytes
            "00000001",     // sender
            "deadbeef",     // media
            "fff0 8001",    // PID 65520, BLP bits 0 and 15 → 65521, 65536 = 0
            "0005 0000");   // PID 5 alone
        Assert.True(GenericNack.TryRead(data, out var nack));

        var lost = new ushort[nack.LostCount];
        Assert.True(nack.TryExpand(lost, out int count));
        Assert.Equal(new ushort[] { 65520, 65521, 0, 5 }, lost[..count]);

        Assert.False(nack.TryExpand(new ushort[3], out int partial));
        Assert.Equal(3, partial);
    }

    [Fact]
    public void Nack_is_built_from_lost_sequence_numbers()
    {
        ushort[] lost = [1111, 1112, 1114];
        var buffer = new byte[GenericNack.GetMarshalSize(lost)];
        Assert.True(GenericNack.TryWrite(buffer, 1, 0xdeadbeef, lost, out int written));
        Assert.Equal(Hex.Of(RtcpSamples.Nack()), Hex.Of(buffer.AsSpan(0, written)));
    }

    [Fact]
    public void Nack_build_round_trips_across_the_wrap_and_long_gaps()
    {
        ushort[] lost = [65530, 65535, 0, 9, 10, 200, 216, 217, 300];
        Assert.Equal(4, GenericNack.CountPairs(lost)); // 65530 (+5, +6, +15, +16), 200 (+16), 217, 300
        var buffer = new byte[GenericNack.GetMarshalSize(lost)];
        Assert.True(GenericNack.TryWrite(buffer, 1, 2, lost, out int written));

        Assert.True(GenericNack.TryRead(buffer.AsSpan(0, written), out var nack));
        var expanded = new ushort[nack.LostCount];
        Assert.True(nack.TryExpand(expanded, out int count));
        Assert.Equal(lost, expanded[..count]);
        Assert.False(GenericNack.TryWrite(buffer, 1, 2, [], out _));
    }

    [Theory]
    [InlineData("81 cd 0002 00000001 deadbeef", "no FCI")]
    [InlineData("81 cd 0001 00000001", "no media SSRC")]
    [InlineData("82 cd 0003 00000001 deadbeef 04570005", "FMT=2")]
    [InlineData("81 ce 0003 00000001 deadbeef 04570005", "PSFB instead of RTPFB")]
    public void Malformed_nacks_are_rejected(string hex, string name)
    {
        Assert.False(GenericNack.TryRead(Hex.Bytes(hex), out _), name);
    }

    [Fact]
    public void Pli_reads_and_writes()
    {
        var data = Hex.Bytes(
            "81",       // V=2, P=0, FMT=1
            "ce",       // PT=206 (PSFB)
            "0002",     // 12 bytes
            "00000001", // sender
            "deadbeef");// media
        Assert.True(PictureLossIndication.TryRead(data, out var pli));
        Assert.Equal(new PictureLossIndication(1, 0xdeadbeef), pli);

        var buffer = new byte[PictureLossIndication.MarshalSize];
        Assert.True(pli.TryWrite(buffer, out int written));
        Assert.Equal(Hex.Of(data), Hex.Of(buffer.AsSpan(0, written)));
        Assert.False(pli.TryWrite(buffer.AsSpan(0, 11), out _));
        Assert.False(PictureLossIndication.TryRead(Hex.Bytes("81 ce 0001 00000001"), out _));
        Assert.False(PictureLossIndication.TryRead(RtcpSamples.Remb(), out _));
    }

    [Fact]
    public void Fir_reads_and_writes_entries_with_sequence_numbers()
    {
        var data = Hex.Bytes(
            "84",       // V=2, P=0, FMT=4
            "ce",       // PT=206
            "0006",     // 28 bytes
            "00000001", // sender
            "00000000", // media: unused
            "deadbeef", // entry 1 SSRC
            "07 000000",// seq nr 7, reserved
            "cafebabe", // entry 2 SSRC
            "ff 000000");// seq nr 255
        Assert.True(FullIntraRequest.TryRead(data, out var fir));
        Assert.Equal(2, fir.EntryCount);
        Assert.Equal(new FirEntry(0xdeadbeef, 7), fir.GetEntry(0));
        Assert.Equal(new FirEntry(0xcafebabe, 255), fir.GetEntry(1));
        Assert.Equal(default, fir.GetEntry(2));

        FirEntry[] entries = [new(0xdeadbeef, 7), new(0xcafebabe, 255)];
        var buffer = new byte[FullIntraRequest.GetMarshalSize(2)];
        Assert.True(FullIntraRequest.TryWrite(buffer, 1, entries, out int written));
        Assert.Equal(Hex.Of(data), Hex.Of(buffer.AsSpan(0, written)));
        Assert.False(FullIntraRequest.TryRead(Hex.Bytes("84 ce 0002 00000001 00000000"), out _));
    }

    [Fact]
    public void Remb_reads_the_bitrate_and_ssrcs()
    {
        Assert.True(ReceiverEstimatedMaxBitrate.TryRead(RtcpSamples.Remb(), out var remb));
        Assert.Equal(1u, remb.SenderSsrc);
        Assert.Equal(1_000_000ul, remb.BitrateBps);
        Assert.Equal(1, remb.SsrcCount);
        Assert.Equal(0xdeadbeefu, remb.GetSsrc(0));

        var buffer = new byte[ReceiverEstimatedMaxBitrate.GetMarshalSize(1)];
        Assert.True(ReceiverEstimatedMaxBitrate.TryWrite(buffer, 1, 1_000_000, [0xdeadbeef], out int written));
        Assert.Equal(Hex.Of(RtcpSamples.Remb()), Hex.Of(buffer.AsSpan(0, written)));
    }

    [Theory]
    [InlineData(0ul)]
    [InlineData(262_143ul)]          // largest mantissa with exponent 0
    [InlineData(262_144ul)]
    [InlineData(2_500_000ul)]
    [InlineData(123_456_789ul)]
    [InlineData(ulong.MaxValue)]
    public void Remb_encoding_never_over_reports_and_loses_little(ulong bitrate)
    {
        var (exponent, mantissa) = ReceiverEstimatedMaxBitrate.Encode(bitrate);
        Assert.InRange(exponent, 0, 63);
        Assert.InRange(mantissa, 0u, (1u << 18) - 1);
        ulong decoded = ReceiverEstimatedMaxBitrate.Decode(exponent, mantissa);
        Assert.True(decoded <= bitrate);
        Assert.True(bitrate - decoded < Math.Max(1ul, bitrate >> 17));

        var buffer = new byte[ReceiverEstimatedMaxBitrate.GetMarshalSize(2)];
        Assert.True(ReceiverEstimatedMaxBitrate.TryWrite(buffer, 9, bitrate, [1, 2], out _));
        Assert.True(ReceiverEstimatedMaxBitrate.TryRead(buffer, out var remb));
        Assert.Equal(decoded, remb.BitrateBps);
        Assert.Equal(2u, remb.GetSsrc(1));
    }

    [Fact]
    public void Remb_exponent_overflow_saturates()
    {
        Assert.Equal(ulong.MaxValue, ReceiverEstimatedMaxBitrate.Decode(63, (1u << 18) - 1));
        Assert.Equal(1ul << 63, ReceiverEstimatedMaxBitrate.Decode(63, 1));
    }

    [Theory]
    [InlineData("8f ce 0004 00000001 00000000 52454d42 020bd090", "Num SSRC 2, none present")]
    [InlineData("8f ce 0004 00000001 00000000 52454d43 000bd090", "identifier REMC")]
    [InlineData("8f ce 0003 00000001 00000000 52454d42", "no bitrate")]
    public void Malformed_rembs_are_rejected(string hex, string name)
    {
        Assert.False(ReceiverEstimatedMaxBitrate.TryRead(Hex.Bytes(hex), out _), name);
    }
}
