using Confab.Rtc.Rtp;

namespace Confab.Rtc.Tests.Rtp;

public class TypedExtensionTests
{
    [Fact]
    public void Abs_send_time_reads_rewrites_and_converts()
    {
        var packet = RtpSamples.Vp8WithOneByteExtensions();
        Assert.True(RtpHeader.TryRead(packet, out var header));

        Assert.True(AbsSendTimeExtension.TryRead(packet, header, RtpSamples.AbsSendTimeId, out uint sendTime));
        Assert.Equal(0x123456u, sendTime);
        Assert.False(AbsSendTimeExtension.TryRead(packet, header, RtpSamples.TransportSequenceId, out _)); // 2 bytes, not 3

        Assert.True(AbsSendTimeExtension.TryRewrite(packet, header, RtpSamples.AbsSendTimeId, 0xfedcba));
        Assert.Equal("fedcba", Hex.Of(packet.AsSpan(17, 3)));
        Assert.False(AbsSendTimeExtension.TryRewrite(packet, header, RtpSamples.AbsSendTimeId, 0x1000000));
    }

    [Theory]
    [InlineData(0L, 0u)]
    [InlineData(1_000_000L, 0x040000u)]          // 1 s = 1 << 18
    [InlineData(500_000L, 0x020000u)]            // 0.5 s
    [InlineData(63_999_996L, 0xfffffeu)]         // just below the 64 s wrap
    [InlineData(64_000_000L, 0u)]                // wraps every 64 s
    [InlineData(65_250_000L, 0x050000u)]         // 1.25 s after the wrap
    public void Abs_send_time_is_6_18_fixed_point_modulo_64_seconds(long microseconds, uint expected)
    {
        Assert.Equal(expected, AbsSendTimeExtension.FromMicroseconds(microseconds));
    }

    [Fact]
    public void Abs_send_time_decodes_back_within_a_tick()
    {
        Assert.Equal(1_000_000L, AbsSendTimeExtension.ToMicroseconds(0x040000));
        long microseconds = 12_345_678;
        long back = AbsSendTimeExtension.ToMicroseconds(AbsSendTimeExtension.FromMicroseconds(microseconds));
        Assert.InRange(microseconds - back, 0, 4); // one 2^-18 s tick is 3.8 µs
    }

    [Fact]
    public void Transport_sequence_number_reads_and_rewrites()
    {
        var packet = RtpSamples.Vp8WithOneByteExtensions();
        Assert.True(RtpHeader.TryRead(packet, out var header));

        Assert.True(TransportSequenceNumberExtension.TryRead(packet, header, RtpSamples.TransportSequenceId, out ushort sequence));
        Assert.Equal(42, sequence);
        Assert.True(TransportSequenceNumberExtension.TryRewrite(packet, header, RtpSamples.TransportSequenceId, 0xbeef));
        Assert.True(TransportSequenceNumberExtension.TryRead(packet, header, RtpSamples.TransportSequenceId, out sequence));
        Assert.Equal(0xbeef, sequence);
        Assert.False(TransportSequenceNumberExtension.TryRead(packet, header, 9, out _)); // id not negotiated
    }

    [Fact]
    public void Audio_level_reads_voice_activity_and_level()
    {
        var packet = RtpSamples.OpusWithAudioLevel();
        Assert.True(RtpHeader.TryRead(packet, out var header));

        Assert.True(AudioLevelExtension.TryRead(packet, header, RtpSamples.AudioLevelId, out var level));
        Assert.Equal(new AudioLevel(VoiceActivity: true, LevelDbov: 5), level);

        Assert.True(AudioLevelExtension.TryParse([0x7f], out var silence));
        Assert.Equal(new AudioLevel(false, 127), silence);
        Assert.False(AudioLevelExtension.TryParse([0x7f, 0x00], out _));

        Span<byte> value = stackalloc byte[1];
        Assert.True(AudioLevelExtension.TryFormat(value, new AudioLevel(true, 127)));
        Assert.Equal(0xff, value[0]);
        Assert.False(AudioLevelExtension.TryFormat(value, new AudioLevel(false, 128)));
    }

    [Fact]
    public void Mid_and_rid_compare_without_strings()
    {
        var packet = RtpSamples.TwoByteExtensionsCsrcsPadding();
        Assert.True(RtpHeader.TryRead(packet, out var header));

        Assert.True(SdesItemExtension.Matches(packet, header, 10, "h"));
        Assert.False(SdesItemExtension.Matches(packet, header, 10, "q"));
        Assert.False(SdesItemExtension.Matches(packet, header, 10, "hh"));
        Assert.True(RtpHeaderExtensions.TryFind(packet, header, 10, out ReadOnlySpan<byte> rid));
        Assert.True(SdesItemExtension.IsValidRid(rid));
        Assert.True(SdesItemExtension.TryGetString(rid, out string text));
        Assert.Equal("h", text);
    }

    [Theory]
    [InlineData("q", true)]
    [InlineData("hi-res_1", true)]
    [InlineData("", false)]
    [InlineData("a b", false)]
    [InlineData("é", false)]
    [InlineData("a.b", false)]
    public void Rid_syntax_is_letters_digits_dash_underscore(string rid, bool valid)
    {
        Assert.Equal(valid, SdesItemExtension.IsValidRid(System.Text.Encoding.UTF8.GetBytes(rid)));
    }

    [Fact]
    public void Mid_must_be_visible_ascii()
    {
        Assert.True(SdesItemExtension.IsValidMid("audio-0"u8));
        Assert.False(SdesItemExtension.IsValidMid("a\u0001"u8));
        Assert.False(SdesItemExtension.IsValidMid([]));
        Assert.False(SdesItemExtension.TryGetString([0x20], out _));

        var block = new byte[16];
        var writer = new RtpHeaderExtensionWriter(block, RtpHeaderExtensionForm.OneByte);
        Assert.False(SdesItemExtension.TryAdd(ref writer, 4, "a b"));
        Assert.True(SdesItemExtension.TryAdd(ref writer, 4, "video"));
        Assert.True(writer.TryFinish(out int length));
        Assert.Equal("bede0002" + "44" + "766964656f" + "0000", Hex.Of(block.AsSpan(0, length)));
    }
}
