using Confab.Rtc.Srtp;
using static Confab.Rtc.Tests.Srtp.SrtpTestPackets;

namespace Confab.Rtc.Tests.Srtp;

/// <summary>The bounds-checked RTP header reader SRTP uses to find the payload.</summary>
public class SrtpRtpHeaderTests
{
    [Fact]
    public void FixedHeader()
    {
        byte[] packet = Hex("80 60 1234 00000000 cafebabe 0102"); // V=2, PT=96, SEQ 0x1234, SSRC 0xcafebabe
        Assert.Equal(SrtpError.None, SrtpRtpHeader.TryRead(packet, out SrtpRtpHeader header));
        Assert.Equal(12, header.Length);
        Assert.Equal(0x1234, header.SequenceNumber);
        Assert.Equal(0xcafebabeu, header.Ssrc);
    }

    [Fact]
    public void CsrcsAndExtension()
    {
        byte[] packet = Hex("""
            92 60 0001 00000000 00000001
            0000000a 0000000b
            bede 0002 11223344 55667788
            aabb
            """); // V=2, X=1, CC=2 | 2 CSRCs | extension of 2 words | 2 payload octets
        Assert.Equal(SrtpError.None, SrtpRtpHeader.TryRead(packet, out SrtpRtpHeader header));
        Assert.Equal(12 + 8 + 4 + 8, header.Length);
    }

    [Theory]
    [InlineData("80 60 0001 00000000 000000")]                    // 11 octets
    [InlineData("40 60 0001 00000000 00000001")]                  // V=1
    [InlineData("83 60 0001 00000000 00000001 0000000a")]        // CC=3, one CSRC present
    [InlineData("90 60 0001 00000000 00000001 bede")]            // X=1, extension header cut
    [InlineData("90 60 0001 00000000 00000001 bede 0003 11223344")] // extension says 3 words, 1 present
    public void Malformed_IsRefused(string hex)
    {
        Assert.NotEqual(SrtpError.None, SrtpRtpHeader.TryRead(Hex(hex), out _));
    }
}
