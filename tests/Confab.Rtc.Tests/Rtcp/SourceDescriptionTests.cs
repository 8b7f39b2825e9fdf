using System.Text;
using Confab.Rtc.Rtcp;
using Confab.Rtc.Tests.Rtp;

namespace Confab.Rtc.Tests.Rtcp;

public class SourceDescriptionTests
{
    [Fact]
    public void Reads_the_chromium_cname()
    {
        var data = RtcpSamples.SenderReportAndSdes().AsSpan(28);
        Assert.True(SourceDescription.TryRead(data, out var sdes));
        Assert.Equal(1, sdes.ChunkCount);

        int chunks = 0;
        foreach (var chunk in sdes)
        {
            chunks++;
            Assert.Equal(RtcpSamples.ChromeSsrc, chunk.Ssrc);
            Assert.Equal(RtcpSamples.ChromeCname, Encoding.ASCII.GetString(chunk.Cname));
            Assert.False(chunk.TryFindItem(SdesItemType.Name, out _));
        }

        Assert.Equal(1, chunks);
    }

    [Fact]
    public void Reads_several_items_and_chunks()
    {
        var good = Hex.Bytes(
            "82 ca 0007",          // V=2, SC=2, PT=202, 32 bytes
            "00000001",            // chunk 1 SSRC
            "02 01 61",            // NAME "a"
            "01 02 6263",          // CNAME "bc"
            "00",                  // terminator: 4 + 7 + 1 = 12 bytes, aligned
            "00000002",            // chunk 2 SSRC
            "01 03 646566",        // CNAME "def"
            "00 00 00",            // terminator + alignment: 4 + 5 + 3 = 12 bytes
            "00000000");           // 4 trailing bytes inside the packet
        Assert.True(SourceDescription.TryRead(good, out var sdes));
        var cnames = new List<string>();
        foreach (var chunk in sdes)
        {
            cnames.Add($"{chunk.Ssrc}:{Encoding.ASCII.GetString(chunk.Cname)}");
        }

        Assert.Equal(new[] { "1:bc", "2:def" }, cnames);
    }

    [Fact]
    public void Writes_cname_chunks_aligned_to_32_bits()
    {
        SdesCnameChunk[] chunks = [new(RtcpSamples.ChromeSsrc, RtcpSamples.ChromeCname)];
        var buffer = new byte[SourceDescription.GetMarshalSize(chunks)];
        Assert.True(SourceDescription.TryWrite(buffer, chunks, out int written));
        Assert.Equal(Hex.Of(RtcpSamples.SenderReportAndSdes().AsSpan(28)), Hex.Of(buffer.AsSpan(0, written)));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("xy")]
    [InlineData("xyz")]
    [InlineData("wxyz")]
    [InlineData("user@host.example")]
    public void Cname_lengths_round_trip(string cname)
    {
        SdesCnameChunk[] chunks = [new(1, cname), new(2, cname + "!")];
        var buffer = new byte[SourceDescription.GetMarshalSize(chunks)];
        Assert.True(SourceDescription.TryWrite(buffer, chunks, out int written));
        Assert.Equal(0, written % 4);
        Assert.True(RtcpCompoundReader.IsWellFormed(buffer));
        Assert.True(SourceDescription.TryRead(buffer, out var sdes));
        var read = new List<(uint, string)>();
        foreach (var chunk in sdes)
        {
            read.Add((chunk.Ssrc, Encoding.UTF8.GetString(chunk.Cname)));
        }

        Assert.Equal(new[] { (1u, cname), (2u, cname + "!") }, read);
    }

    [Fact]
    public void Refuses_to_write_empty_or_oversized_cnames()
    {
        var buffer = new byte[2048];
        Assert.False(SourceDescription.TryWrite(buffer, [new(1, "")], out _));
        Assert.False(SourceDescription.TryWrite(buffer, [new(1, new string('a', 256))], out _));
        Assert.True(SourceDescription.TryWrite(buffer, [new(1, new string('a', 255))], out _));
        Assert.False(SourceDescription.TryWrite(buffer.AsSpan(0, 8), [new(1, "abc")], out _));
    }

    [Theory]
    [InlineData("81 ca 0001 00000001", "chunk without terminator")]
    [InlineData("81 ca 0002 00000001 01 05 6162", "item length past the packet")]
    [InlineData("81 ca 0002 00000001 01 02 6162", "item fills the chunk, no terminator")]
    [InlineData("82 ca 0002 00000001 00000000", "second chunk missing")]
    [InlineData("81 ca 0000", "no chunk at all")]
    [InlineData("81 ca 0001 000000", "SSRC truncated")]
    public void Malformed_chunks_are_rejected(string hex, string name)
    {
        Assert.False(SourceDescription.TryRead(Hex.Bytes(hex), out _), name);
    }
}
