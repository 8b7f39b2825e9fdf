using Confab.Rtc.Sdp;

namespace Confab.Rtc.Tests.Sdp;

public class CodecTests
{
    private static MediaDescription OfferedVideo()
    {
        Assert.True(SdpParser.TryParse(ChromiumOffers.AudioVideo, out SessionDescription? sdp, out string? error), error);
        return sdp.Media[1];
    }

    [Fact]
    public void OpusIsWrittenAsChromiumOffersIt()
    {
        Codec opus = KnownCodecs.Opus();

        Assert.Equal("111 opus/48000/2", opus.FormatRtpMap());
        Assert.Equal("minptime=10;useinbandfec=1", opus.FormatParameters());
        Assert.Equal(["transport-cc"], opus.Feedback);
    }

    [Fact]
    public void VideoCodecsCarryTheirParameters()
    {
        Assert.Equal("96 VP8/90000", KnownCodecs.Vp8().FormatRtpMap());
        Assert.Null(KnownCodecs.Vp8().FormatParameters());
        Assert.Equal("profile-id=2", KnownCodecs.Vp9(100, profileId: 2).FormatParameters());
        Assert.Equal("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f", KnownCodecs.H264().FormatParameters());
        Assert.Equal("packetization-mode=1;profile-level-id=4d001f", KnownCodecs.H264(127, "4d001f", levelAsymmetryAllowed: false).FormatParameters());
        Assert.Equal("97 rtx/90000", KnownCodecs.Rtx(97, 96).FormatRtpMap());
        Assert.Equal("apt=96", KnownCodecs.Rtx(97, 96).FormatParameters());
    }

    [Fact]
    public void RtxIsFoundThroughApt()
    {
        MediaDescription video = OfferedVideo();

        Assert.Equal(97, video.FindRtxPayloadType(96));
        Assert.Equal(125, video.FindRtxPayloadType(127));
        Assert.Equal(46, video.FindRtxPayloadType(45));
        Assert.Equal(115, video.FindRtxPayloadType(114));
        Assert.Null(video.FindRtxPayloadType(116));
        Assert.True(video.FindCodec(125)!.TryGetAssociatedPayloadType(out int apt));
        Assert.Equal(127, apt);
        Assert.False(video.FindCodec(96)!.TryGetAssociatedPayloadType(out _));
    }

    [Theory]
    [InlineData(null, true, 0)]
    [InlineData("0", true, 0)]
    [InlineData("1", true, 1)]
    [InlineData("2", true, 2)]
    [InlineData("3", false, 0)]
    [InlineData("one", false, 0)]
    public void H264PacketizationModeIsRead(string? value, bool ok, int expected)
    {
        Codec codec = new(102, "H264", 90000);
        if (value is not null)
        {
            codec.Parameters["packetization-mode"] = value;
        }

        Assert.Equal(ok, codec.TryGetH264PacketizationMode(out int mode));
        Assert.Equal(expected, mode);
    }

    [Fact]
    public void H264ProfileLevelIdIsSplitIntoItsThreeBytes()
    {
        Assert.True(H264ProfileLevelId.TryParse("42e01f", out H264ProfileLevelId id));
        Assert.Equal((0x42, 0xe0, 0x1f), (id.ProfileIdc, id.ProfileIop, id.LevelIdc));
        Assert.Equal("42e0", id.ProfileHex);
        Assert.Equal("42e01f", id.ToString());
        Assert.True(H264ProfileLevelId.TryParse("640C1F", out H264ProfileLevelId high));
        Assert.Equal("640c", high.ProfileHex);
        Assert.False(H264ProfileLevelId.TryParse("42e01", out _));
        Assert.False(H264ProfileLevelId.TryParse("42e01g", out _));
        Assert.False(H264ProfileLevelId.TryParse("+42e01", out _));
        Assert.True(new Codec(102, "H264", 90000).TryGetH264ProfileLevelId(out H264ProfileLevelId absent));
        Assert.Equal(H264ProfileLevelId.Default, absent);
    }

    [Theory]
    [InlineData("42e01f", true)]
    [InlineData("42e034", true)] // another level of the same profile
    [InlineData("42001f", true)]
    [InlineData("4d001f", true)]
    [InlineData("640c1f", true)]
    [InlineData("64001f", false)] // High, not constrained
    [InlineData("f4001f", false)]
    [InlineData("zzzzzz", false)]
    public void H264ProfilesAreAcceptedByFamily(string profileLevelId, bool accepted)
    {
        MediaCapabilities capabilities = MediaCapabilities.CreateDefault();
        SupportedCodec h264 = capabilities.VideoCodecs.Single(c => c.Name == "H264");

        Assert.Equal(accepted, CodecMatcher.IsSupported(KnownCodecs.H264(102, profileLevelId), h264, capabilities));
    }

    [Fact]
    public void H264PacketizationModeZeroIsNotAccepted()
    {
        MediaCapabilities capabilities = MediaCapabilities.CreateDefault();
        SupportedCodec h264 = capabilities.VideoCodecs.Single(c => c.Name == "H264");
        Codec mode0 = KnownCodecs.H264();
        mode0.Parameters.Remove("packetization-mode");

        Assert.False(CodecMatcher.IsSupported(mode0, h264, capabilities));
    }

    [Fact]
    public void MatcherKeepsTheOfferersNumbersForAnyPayloadType()
    {
        var offered = new MediaDescription { Media = "video" };
        offered.SetCodecs([KnownCodecs.Vp8(120), KnownCodecs.Rtx(121, 120), KnownCodecs.Rtx(122, 123), KnownCodecs.Vp9(123, 1)]);
        offered.Extensions.Add(new ExtMap(9, RtpHeaderExtensionUris.Mid, MediaDirection.SendRecv));
        offered.Extensions.Add(new ExtMap(12, "urn:example:unsupported"));

        CodecMatch match = CodecMatcher.Match(offered, MediaCapabilities.CreateDefault());

        Assert.Equal([120, 121], match.Codecs.Select(c => c.PayloadType));
        Assert.Equal("9 " + RtpHeaderExtensionUris.Mid, Assert.Single(match.Extensions).ToString());
        Assert.True(match.HasCommonCodec);
    }

    [Fact]
    public void MatcherHonoursNarrowerCapabilities()
    {
        var capabilities = new MediaCapabilities { Rtx = false };
        capabilities.VideoCodecs.Add(new SupportedCodec("h264", 90000, null, ["nack"]));
        capabilities.H264Profiles.Add("4d00");

        CodecMatch match = CodecMatcher.Match(OfferedVideo(), capabilities);

        Codec only = Assert.Single(match.Codecs);
        Assert.Equal(127, only.PayloadType);
        Assert.Equal(["nack"], only.Feedback);
        Assert.Empty(match.Extensions);
    }

    [Fact]
    public void AudioCodecMustMatchChannels()
    {
        var offered = new MediaDescription { Media = "audio" };
        offered.SetCodecs([new Codec(100, "opus", 48000, 1), new Codec(101, "OPUS", 48000, 2)]);

        CodecMatch match = CodecMatcher.Match(offered, MediaCapabilities.CreateDefault());

        Assert.Equal([101], match.Codecs.Select(c => c.PayloadType));
    }

    [Fact]
    public void OnlyRtxInCommonIsNoCommonCodec()
    {
        var offered = new MediaDescription { Media = "video" };
        offered.SetCodecs([new Codec(45, "AV1", 90000), KnownCodecs.Rtx(46, 45)]);

        CodecMatch match = CodecMatcher.Match(offered, MediaCapabilities.CreateDefault());

        Assert.False(match.HasCommonCodec);
        Assert.Empty(match.Codecs);
    }
}
