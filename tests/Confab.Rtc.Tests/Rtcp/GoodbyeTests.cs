using System.Text;
using Confab.Rtc.Rtcp;
using Confab.Rtc.Tests.Rtp;

namespace Confab.Rtc.Tests.Rtcp;

public class GoodbyeTests
{
    [Fact]
    public void Reads_sources_and_reason()
    {
        var data = Hex.Bytes(
            "82",        // V=2, P=0, SC=2
            "cb",        // PT=203 (BYE)
            "0004",      // length: 20 bytes
            "00000001",  // SSRC 1
            "00000002",  // SSRC 2
            "05",        // reason length 5
            "6c65667421",// "left!"
            "0000");     // alignment

        Assert.True(Goodbye.TryRead(data, out var bye));
        Assert.Equal(2, bye.SourceCount);
        Assert.Equal(1u, bye.GetSource(0));
        Assert.Equal(2u, bye.GetSource(1));
        Assert.Equal(0u, bye.GetSource(2));
        Assert.Equal("left!", Encoding.ASCII.GetString(bye.Reason));
    }

    [Fact]
    public void Reason_is_optional()
    {
        Assert.True(Goodbye.TryRead(Hex.Bytes("81 cb 0001 00000001"), out var bye));
        Assert.Equal(1, bye.SourceCount);
        Assert.True(bye.Reason.IsEmpty);

        Assert.True(Goodbye.TryRead(Hex.Bytes("80 cb 0000"), out var none)); // SC=0 is legal
        Assert.Equal(0, none.SourceCount);
    }

    [Theory]
    [InlineData("81 cb 0002 00000001 08 627965", "reason length 8, 3 bytes present")]
    [InlineData("81 cb 0002 00000001 ff 627965", "reason length 255")]
    [InlineData("83 cb 0002 00000001 00000002", "SC=3, two SSRCs")]
    public void Reason_or_sources_past_the_packet_fail(string hex, string name)
    {
        Assert.False(Goodbye.TryRead(Hex.Bytes(hex), out _), name);
    }

    [Fact]
    public void Round_trips()
    {
        uint[] sources = [RtcpSamples.ChromeSsrc, 7];
        var reason = "meeting ended"u8;
        var buffer = new byte[Goodbye.GetMarshalSize(sources.Length, reason.Length)];
        Assert.True(Goodbye.TryWrite(buffer, sources, reason, out int written));
        Assert.Equal(4 + 8 + 16, written); // 1 + 13 = 14 reason bytes → 16

        Assert.True(Goodbye.TryRead(buffer, out var bye));
        Assert.Equal(RtcpSamples.ChromeSsrc, bye.GetSource(0));
        Assert.Equal(7u, bye.GetSource(1));
        Assert.Equal("meeting ended", Encoding.ASCII.GetString(bye.Reason));

        Assert.False(Goodbye.TryWrite(new byte[1024], sources, new byte[256], out _));
        Assert.False(Goodbye.TryWrite(buffer.AsSpan(0, written - 1), sources, reason, out _));
    }
}
