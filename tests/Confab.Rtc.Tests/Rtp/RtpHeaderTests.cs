using Confab.Rtc.Rtp;

namespace Confab.Rtc.Tests.Rtp;

public class RtpHeaderTests
{
    [Fact]
    public void Reads_a_chromium_vp8_packet_with_one_byte_extensions()
    {
        var packet = RtpSamples.Vp8WithOneByteExtensions();

        Assert.True(RtpHeader.TryRead(packet, out var header));

        Assert.False(header.HasPadding);
        Assert.True(header.HasExtension);
        Assert.Equal(0, header.CsrcCount);
        Assert.True(header.Marker);
        Assert.Equal(96, header.PayloadType);
        Assert.Equal(0x1234, header.SequenceNumber);
        Assert.Equal(900000u, header.Timestamp);
        Assert.Equal(0xdeadbeefu, header.Ssrc);
        Assert.Equal(RtpHeaderExtensions.OneByteProfile, header.ExtensionProfile);
        Assert.Equal(16, header.ExtensionOffset);
        Assert.Equal(12, header.ExtensionLength);
        Assert.Equal(28, header.PayloadOffset);
        Assert.Equal(4, header.PayloadLength);
        Assert.Equal(0, header.PaddingLength);
        Assert.Equal("10009d01", Hex.Of(packet.AsSpan(header.PayloadOffset, header.PayloadLength)));
    }

    [Fact]
    public void Reads_csrcs_two_byte_extension_and_padding()
    {
        var packet = RtpSamples.TwoByteExtensionsCsrcsPadding();

        Assert.True(RtpHeader.TryRead(packet, out var header));

        Assert.True(header.HasPadding);
        Assert.Equal(2, header.CsrcCount);
        Assert.False(header.Marker);
        Assert.Equal(8, header.PayloadType);
        Assert.Equal(0xffff, header.SequenceNumber);
        Assert.Equal(0x0a0b0c0du, header.GetCsrc(packet, 0));
        Assert.Equal(0x0e0f1011u, header.GetCsrc(packet, 1));
        Assert.Equal(0u, header.GetCsrc(packet, 2));
        Assert.Equal(0x1000, header.ExtensionProfile);
        Assert.Equal(24, header.ExtensionOffset);
        Assert.Equal(12, header.ExtensionLength);
        Assert.Equal(36, header.PayloadOffset);
        Assert.Equal(4, header.PayloadLength);
        Assert.Equal(3, header.PaddingLength);
    }

    [Fact]
    public void Reads_a_minimal_header_with_empty_payload()
    {
        var packet = Hex.Bytes(
            "80",       // V=2, no flags
            "00",       // M=0, PT=0
            "0000",     // seq
            "00000000", // timestamp
            "00000001");// SSRC

        Assert.True(RtpHeader.TryRead(packet, out var header));
        Assert.Equal(12, header.PayloadOffset);
        Assert.Equal(0, header.PayloadLength);
    }

    [Fact]
    public void Padding_may_take_everything_after_the_header()
    {
        var packet = Hex.Bytes("a0 00 0000 00000000 00000001", "0000 0004"); // P=1, 4 octets of padding, no payload

        Assert.True(RtpHeader.TryRead(packet, out var header));
        Assert.Equal(0, header.PayloadLength);
        Assert.Equal(4, header.PaddingLength);
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "empty", "" },
        { "11 bytes", "80 00 0000 00000000 000000" },
        { "version 0", "00 00 0000 00000000 00000001" },
        { "version 1", "40 00 0000 00000000 00000001" },
        { "version 3", "c0 00 0000 00000000 00000001" },
        { "CC=1 but no CSRC", "81 00 0000 00000000 00000001" },
        { "CC=15, three CSRCs present", "8f 00 0000 00000000 00000001 00000002 00000003 00000004" },
        { "X=1 without extension header", "90 00 0000 00000000 00000001" },
        { "X=1 with half an extension header", "90 00 0000 00000000 00000001 bede" },
        { "extension length past the end", "90 00 0000 00000000 00000001 bede 0002 10ff0000" },
        { "extension length 0xffff", "90 00 0000 00000000 00000001 bede ffff 10ff0000" },
        { "padding count 0", "a0 00 0000 00000000 00000001 aabbcc 00" },
        { "padding larger than the payload", "a0 00 0000 00000000 00000001 aabbcc 05" },
        { "padding bit with nothing after header", "a0 00 0000 00000000 00000001" },
        { "padding reaching into the extension", "b0 00 0000 00000000 00000001 bede 0001 10ff0003" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Rejects_malformed_headers(string name, string hex)
    {
        Assert.False(RtpHeader.TryRead(Hex.Bytes(hex), out var header), name);
        Assert.Equal(default, header.PayloadOffset);
    }

    [Fact]
    public void Rejects_every_truncation_of_a_valid_packet()
    {
        var packet = RtpSamples.TwoByteExtensionsCsrcsPadding();
        for (int length = 0; length < packet.Length; length++)
        {
            Assert.False(RtpHeader.TryRead(packet.AsSpan(0, length), out _), $"length {length}");
        }
    }
}
