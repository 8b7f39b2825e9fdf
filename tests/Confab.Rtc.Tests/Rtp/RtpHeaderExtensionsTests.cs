using Confab.Rtc.Rtp;

namespace Confab.Rtc.Tests.Rtp;

public class RtpHeaderExtensionsTests
{
    [Fact]
    public void Iterates_one_byte_elements_skipping_padding()
    {
        var packet = RtpSamples.Vp8WithOneByteExtensions();
        Assert.True(RtpHeader.TryRead(packet, out var header));

        var seen = new List<(byte Id, int Offset, string Value)>();
        var enumerator = RtpHeaderExtensions.Enumerate(packet, header);
        while (enumerator.MoveNext())
        {
            seen.Add((enumerator.Current.Id, enumerator.Current.ValueOffset, Hex.Of(enumerator.Current.Value)));
        }

        Assert.False(enumerator.IsMalformed);
        Assert.Equal(new (byte, int, string)[] { (2, 17, "123456"), (3, 21, "002a"), (4, 24, "30") }, seen);
    }

    [Fact]
    public void Iterates_two_byte_elements_including_empty_ones()
    {
        var packet = RtpSamples.TwoByteExtensionsCsrcsPadding();
        Assert.True(RtpHeader.TryRead(packet, out var header));

        var seen = new List<(byte Id, string Value)>();
        foreach (var element in RtpHeaderExtensions.Enumerate(packet, header))
        {
            seen.Add((element.Id, Hex.Of(element.Value)));
        }

        Assert.Equal(new (byte, string)[] { (10, "68"), (11, ""), (2, "112233") }, seen);
    }

    [Fact]
    public void Finds_by_id_and_reports_offsets()
    {
        var packet = RtpSamples.Vp8WithOneByteExtensions();
        Assert.True(RtpHeader.TryRead(packet, out var header));

        Assert.True(RtpHeaderExtensions.TryFind(packet, header, 3, out int offset, out int length));
        Assert.Equal((21, 2), (offset, length));
        Assert.True(RtpHeaderExtensions.TryFind(packet, header, 2, out ReadOnlySpan<byte> value));
        Assert.Equal("123456", Hex.Of(value));
        Assert.False(RtpHeaderExtensions.TryFind(packet, header, 5, out ReadOnlySpan<byte> _));
        Assert.False(RtpHeaderExtensions.TryFind(packet, header, 0, out ReadOnlySpan<byte> _));
    }

    [Fact]
    public void One_byte_id_15_stops_processing()
    {
        var packet = Hex.Bytes(
            "90 00 0001 00000000 00000001", // V=2, X=1
            "bede 0001",                    // one-byte profile, 1 word
            "f0",                           // id=15: stop
            "10 aa",                        // id=1, never reached
            "00");                          // padding
        Assert.True(RtpHeader.TryRead(packet, out var header));

        Assert.False(RtpHeaderExtensions.TryFind(packet, header, 1, out ReadOnlySpan<byte> _));
        var enumerator = RtpHeaderExtensions.Enumerate(packet, header);
        Assert.False(enumerator.MoveNext());
        Assert.False(enumerator.IsMalformed);
    }

    [Theory]
    [InlineData("bede 0001 13 aabbcc", "one-byte element of 4 bytes in a 4-byte block")]
    [InlineData("1000 0001 01 05 aabb", "two-byte element claiming 5 bytes")]
    [InlineData("1000 0001 0000 00 07", "two-byte header split at the block end")]
    public void Element_running_past_the_block_is_malformed(string extension, string name)
    {
        var packet = Hex.Bytes("90 00 0001 00000000 00000001", extension, "ffff");
        Assert.True(RtpHeader.TryRead(packet, out var header), name);

        var enumerator = RtpHeaderExtensions.Enumerate(packet, header);
        while (enumerator.MoveNext())
        {
        }

        Assert.True(enumerator.IsMalformed, name);
        Assert.False(RtpHeaderExtensions.TryFind(packet, header, 1, out ReadOnlySpan<byte> _), name);
    }

    [Fact]
    public void Unknown_profiles_have_no_elements()
    {
        var packet = Hex.Bytes("90 00 0001 00000000 00000001", "abcd 0001 10ff0000");
        Assert.True(RtpHeader.TryRead(packet, out var header));
        Assert.False(RtpHeaderExtensions.Enumerate(packet, header).MoveNext());
        Assert.False(RtpHeaderExtensions.TryGetForm(0xabcd, out _));
        Assert.True(RtpHeaderExtensions.TryGetForm(0x100f, out var form));
        Assert.Equal(RtpHeaderExtensionForm.TwoByte, form);
    }

    [Fact]
    public void Rewrites_and_erases_values_in_place()
    {
        var packet = RtpSamples.Vp8WithOneByteExtensions();
        Assert.True(RtpHeader.TryRead(packet, out var header));

        Assert.True(RtpHeaderExtensions.TryRewrite(packet, header, 2, Hex.Bytes("abcdef")));
        Assert.False(RtpHeaderExtensions.TryRewrite(packet, header, 2, Hex.Bytes("abcd")));
        Assert.True(RtpHeaderExtensions.TryErase(packet, header, 3));

        Assert.Equal(
            "22abcdef" + // abs-send-time rewritten
            "000000" +   // transport-wide cc erased to padding
            "4030" +     // mid untouched
            "000000",
            Hex.Of(packet.AsSpan(header.ExtensionOffset, header.ExtensionLength)));
        Assert.False(RtpHeaderExtensions.TryFind(packet, header, 3, out ReadOnlySpan<byte> _));
        Assert.True(SdesItemExtension.Matches(packet, header, 4, "0"));
    }

    [Fact]
    public void Writer_enforces_form_limits_and_stays_failed()
    {
        var block = new byte[64];
        var oneByte = new RtpHeaderExtensionWriter(block, RtpHeaderExtensionForm.OneByte);
        Assert.False(oneByte.TryAdd(15, [1]));
        Assert.False(oneByte.TryAdd(1, [1])); // failed writers stay failed
        Assert.False(oneByte.TryFinish(out _));

        var noValue = new RtpHeaderExtensionWriter(block, RtpHeaderExtensionForm.OneByte);
        Assert.False(noValue.TryAdd(1, []));

        var tooLong = new RtpHeaderExtensionWriter(block, RtpHeaderExtensionForm.OneByte);
        Assert.False(tooLong.TryAdd(1, new byte[17]));

        var tooSmall = new RtpHeaderExtensionWriter(block.AsSpan(0, 7), RtpHeaderExtensionForm.TwoByte);
        Assert.False(tooSmall.TryAdd(1, new byte[2]));

        var empty = new RtpHeaderExtensionWriter(block, RtpHeaderExtensionForm.TwoByte);
        Assert.True(empty.TryFinish(out int length));
        Assert.Equal(0, length);

        var maxOneByte = new RtpHeaderExtensionWriter(block, RtpHeaderExtensionForm.OneByte);
        Assert.True(maxOneByte.TryAdd(14, new byte[16]));
        Assert.True(maxOneByte.TryFinish(out int maxLength));
        Assert.Equal(4 + 20, maxLength); // 17 bytes of element, padded to 20
        Assert.Equal("bede0005ef", Hex.Of(block.AsSpan(0, 5)));
    }
}
