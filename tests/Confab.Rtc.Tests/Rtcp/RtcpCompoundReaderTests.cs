using Confab.Rtc.Rtcp;
using Confab.Rtc.Tests.Rtp;

namespace Confab.Rtc.Tests.Rtcp;

public class RtcpCompoundReaderTests
{
    [Fact]
    public void Walks_a_chromium_sr_and_sdes_compound()
    {
        var data = RtcpSamples.SenderReportAndSdes();
        var reader = new RtcpCompoundReader(data);

        Assert.True(reader.TryReadNext(out var first));
        Assert.Equal(RtcpPacketType.SenderReport, first.Type);
        Assert.Equal(0, first.Count);
        Assert.Equal(28, first.Packet.Length);
        Assert.Equal(24, first.Body.Length);

        Assert.True(reader.TryReadNext(out var second));
        Assert.Equal(RtcpPacketType.SourceDescription, second.Type);
        Assert.Equal(1, second.Count);
        Assert.Equal(28, second.Packet.Length);

        Assert.False(reader.TryReadNext(out _));
        Assert.False(reader.IsMalformed);
        Assert.True(reader.IsComplete);
        Assert.True(RtcpCompoundReader.IsWellFormed(data));
    }

    [Fact]
    public void Unknown_packet_types_are_returned_and_skipped_safely()
    {
        var data = Hex.Bytes(
            "80 c9 0001 00000001",      // RR, RC=0
            "85 d2 0002 0102030405060708", // PT=210 (unknown), count 5, 12 bytes
            "81 cb 0001 00000001");     // BYE for one source

        var reader = new RtcpCompoundReader(data);
        var types = new List<byte>();
        while (reader.TryReadNext(out var packet))
        {
            types.Add((byte)packet.Type);
        }

        Assert.Equal(new byte[] { 201, 210, 203 }, types);
        Assert.True(reader.IsComplete);
    }

    [Fact]
    public void Padding_is_removed_from_the_body()
    {
        var data = Hex.Bytes(
            "a0",       // V=2, P=1, RC=0
            "c9",       // RR
            "0002",     // 12 bytes
            "00000001", // SSRC
            "00000004");// 4 octets of padding
        Assert.True(RtcpPacket.TryRead(data, out var packet));
        Assert.Equal(4, packet.Body.Length);
        Assert.Equal(12, packet.Packet.Length);
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "one byte", "80" },
        { "three bytes", "80c900" },
        { "length past the packet", "80 c9 0005 00000001" },
        { "length 0xffff", "80 c9 ffff 00000001" },
        { "version 0", "00 c9 0001 00000001" },
        { "version 1", "40 c9 0001 00000001" },
        { "padding count 0", "a0 c9 0001 00000000" },
        { "padding larger than the body", "a0 c9 0001 00000009" },
        { "second packet truncated", "80 c9 0001 00000001 81 c9 0007 00000001" },
        { "stray byte after a packet", "80 c9 0001 00000001 00" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_compounds_stop_with_failure(string name, string hex)
    {
        var data = Hex.Bytes(hex);
        var reader = new RtcpCompoundReader(data);
        while (reader.TryReadNext(out _))
        {
        }

        Assert.True(reader.IsMalformed, name);
        Assert.False(reader.IsComplete, name);
        Assert.False(RtcpCompoundReader.IsWellFormed(data), name);
    }

    [Fact]
    public void Empty_input_is_not_a_compound_packet()
    {
        var reader = new RtcpCompoundReader([]);
        Assert.False(reader.TryReadNext(out _));
        Assert.False(reader.IsMalformed);
        Assert.False(RtcpCompoundReader.IsWellFormed([]));
    }

    [Fact]
    public void Every_truncation_of_the_chromium_compound_fails()
    {
        var data = RtcpSamples.SenderReportAndSdes();
        for (int length = 1; length < data.Length; length++)
        {
            bool endsBetweenPackets = length == 28; // the SR alone is a valid, shorter compound
            Assert.Equal(endsBetweenPackets, RtcpCompoundReader.IsWellFormed(data.AsSpan(0, length)));
        }
    }
}
