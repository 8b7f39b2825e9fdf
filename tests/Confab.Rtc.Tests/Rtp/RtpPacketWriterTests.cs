using Confab.Rtc.Rtp;

namespace Confab.Rtc.Tests.Rtp;

public class RtpPacketWriterTests
{
    [Fact]
    public void Rewrites_header_fields_in_place_and_leaves_the_rest()
    {
        var packet = RtpSamples.Vp8WithOneByteExtensions();
        var original = (byte[])packet.Clone();

        Assert.True(RtpPacketWriter.SetSequenceNumber(packet, 0xabcd));
        Assert.True(RtpPacketWriter.SetTimestamp(packet, 0x01020304));
        Assert.True(RtpPacketWriter.SetSsrc(packet, 0xcafebabe));
        Assert.True(RtpPacketWriter.SetPayloadType(packet, 100));

        Assert.Equal(
            "90" +       // first byte untouched
            "e4" +       // marker kept, PT=100
            "abcd" +     // new sequence number
            "01020304" + // new timestamp
            "cafebabe",  // new SSRC
            Hex.Of(packet.AsSpan(0, 12)));
        Assert.Equal(original.AsSpan(12).ToArray(), packet.AsSpan(12).ToArray());
        Assert.True(RtpHeader.TryRead(packet, out var header));
        Assert.True(header.Marker);
        Assert.Equal(100, header.PayloadType);
    }

    [Fact]
    public void Marker_is_set_and_cleared_without_touching_the_payload_type()
    {
        var packet = RtpSamples.OpusWithAudioLevel(); // M=0, PT=111

        Assert.True(RtpPacketWriter.SetMarker(packet, true));
        Assert.Equal(0xef, packet[1]);
        Assert.True(RtpPacketWriter.SetMarker(packet, false));
        Assert.Equal(0x6f, packet[1]);
        Assert.True(RtpPacketWriter.SetPayloadType(packet, 0));
        Assert.Equal(0x00, packet[1]);
    }

    [Fact]
    public void Refuses_short_buffers_and_out_of_range_payload_types()
    {
        var shortPacket = new byte[11];
        Assert.False(RtpPacketWriter.SetSequenceNumber(shortPacket, 1));
        Assert.False(RtpPacketWriter.SetTimestamp(shortPacket, 1));
        Assert.False(RtpPacketWriter.SetSsrc(shortPacket, 1));
        Assert.False(RtpPacketWriter.SetPayloadType(shortPacket, 1));
        Assert.False(RtpPacketWriter.SetMarker(shortPacket, true));
        Assert.All(shortPacket, b => Assert.Equal(0, b));

        var packet = RtpSamples.OpusWithAudioLevel();
        Assert.False(RtpPacketWriter.SetPayloadType(packet, 128));
        Assert.Equal(0x6f, packet[1]);
    }
}
