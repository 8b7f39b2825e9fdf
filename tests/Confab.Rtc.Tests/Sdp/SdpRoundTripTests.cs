using Confab.Rtc.Sdp;

namespace Confab.Rtc.Tests.Sdp;

public class SdpRoundTripTests
{
    public static TheoryData<string> Fixtures() =>
        new(nameof(ChromiumOffers.AudioVideo), nameof(ChromiumOffers.Simulcast), nameof(ChromiumOffers.RecvOnly),
            nameof(ChromiumOffers.DataChannel));

    internal static string Fixture(string name) => name switch
    {
        nameof(ChromiumOffers.AudioVideo) => ChromiumOffers.AudioVideo,
        nameof(ChromiumOffers.Simulcast) => ChromiumOffers.Simulcast,
        nameof(ChromiumOffers.RecvOnly) => ChromiumOffers.RecvOnly,
        _ => ChromiumOffers.DataChannel,
    };

    private static SessionDescription Parse(string text)
    {
        Assert.True(SdpParser.TryParse(text, out SessionDescription? sdp, out string? error), error);
        return sdp;
    }

    private static string[] Lines(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void ParseWriteParseGivesTheSameDescription(string name)
    {
        SessionDescription first = Parse(Fixture(name));
        string written = SdpWriter.Write(first);
        SessionDescription second = Parse(written);

        Assert.Equal(written, SdpWriter.Write(second));
        Assert.Equal(first.Media.Count, second.Media.Count);
        Assert.Equal(first.Origin, second.Origin);
        for (int i = 0; i < first.Media.Count; i++)
        {
            MediaDescription a = first.Media[i];
            MediaDescription b = second.Media[i];
            Assert.Equal(a.Mid, b.Mid);
            Assert.Equal(a.Formats, b.Formats);
            Assert.Equal(a.Codecs.Select(c => c.FormatRtpMap() + c.FormatParameters() + string.Join('|', c.Feedback)),
                b.Codecs.Select(c => c.FormatRtpMap() + c.FormatParameters() + string.Join('|', c.Feedback)));
            Assert.Equal(a.Extensions.Select(e => e.ToString()), b.Extensions.Select(e => e.ToString()));
            Assert.Equal(a.Candidates.Select(c => c.ToString()), b.Candidates.Select(c => c.ToString()));
            Assert.Equal(a.OtherAttributes, b.OtherAttributes);
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void WriteKeepsEveryLineOfTheOffer(string name)
    {
        string original = Fixture(name);
        string written = SdpWriter.Write(Parse(original));

        Assert.Equal(Lines(original).Order(StringComparer.Ordinal), Lines(written).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void WriteUsesCrLfOnly(string name)
    {
        string written = SdpWriter.Write(Parse(Fixture(name)));

        Assert.EndsWith("\r\n", written, StringComparison.Ordinal);
        Assert.Equal(written.Count(c => c == '\n'), written.Count(c => c == '\r'));
        Assert.DoesNotContain("\r\r", written, StringComparison.Ordinal);
    }

    [Fact]
    public void WriterPutsSectionLinesInCanonicalOrder()
    {
        string[] lines = Lines(SdpWriter.Write(Parse(ChromiumOffers.AudioVideo)));
        string[] prefixes =
        [
            "v=", "o=", "s=", "t=", "a=group:BUNDLE", "a=extmap-allow-mixed", "a=msid-semantic:",
            "m=audio", "c=", "a=mid:0", "a=sendrecv", "a=ice-ufrag", "a=ice-pwd", "a=ice-options", "a=fingerprint",
            "a=setup", "a=rtcp-mux", "a=rtcp-rsize", "a=extmap:1 ", "a=rtpmap:111", "a=fmtp:111", "a=rtcp-fb:111",
            "a=rtpmap:63", "a=msid:", "a=ssrc:", "a=rtcp:9",
            "m=video", "a=mid:1", "a=rtpmap:96", "a=msid:", "a=ssrc-group:FID", "a=ssrc:",
        ];
        int at = 0;
        foreach (string prefix in prefixes)
        {
            int found = Array.FindIndex(lines, at, l => l.StartsWith(prefix, StringComparison.Ordinal));
            Assert.True(found >= at, $"'{prefix}' not found after line {at}");
            at = found;
        }
    }

    [Fact]
    public void UnknownAttributesKeepTheirOrder()
    {
        string text = "v=0\no=- 1 1 IN IP4 127.0.0.1\ns=-\nb=AS:2000\nt=0 0\na=zeta:1\na=alpha\na=x-google-flag:conference\n"
            + "m=video 9 UDP/TLS/RTP/SAVPF 96\ni=camera\nb=TIAS:1000000\na=mid:0\na=zz-last\na=rtpmap:96 VP8/90000\n"
            + "a=aa-first:value with spaces\na=rtcp-fb:* nack\na=framerate:30\n";
        SessionDescription sdp = Parse(text);

        Assert.Equal(["zeta", "alpha", "x-google-flag"], sdp.OtherAttributes.Select(a => a.Name));
        Assert.Equal(["zz-last", "aa-first", "framerate"], sdp.Media[0].OtherAttributes.Select(a => a.Name));
        Assert.Equal(["nack"], sdp.Media[0].WildcardFeedback);
        string written = SdpWriter.Write(sdp);
        Assert.Contains("a=zeta:1\r\na=alpha\r\na=x-google-flag:conference\r\n", written, StringComparison.Ordinal);
        Assert.Contains("a=zz-last\r\na=aa-first:value with spaces\r\na=framerate:30\r\n", written, StringComparison.Ordinal);
        Assert.Contains("s=-\r\nb=AS:2000\r\nt=0 0\r\n", written, StringComparison.Ordinal);
        Assert.Contains("m=video 9 UDP/TLS/RTP/SAVPF 96\r\ni=camera\r\nb=TIAS:1000000\r\n", written, StringComparison.Ordinal);
        Assert.Equal(Lines(text).Order(StringComparer.Ordinal), Lines(written).Where(l => l != "a=sendrecv").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void BuiltDescriptionIsWrittenAndParsedBack()
    {
        var sdp = new SessionDescription { Origin = SdpOrigin.ForWebRtc(42, 3), IceLite = true };
        var video = new MediaDescription { Media = "video", Mid = "v0", Direction = MediaDirection.SendOnly, RtcpMux = true };
        video.SetCodecs([KnownCodecs.Vp8(96), KnownCodecs.Rtx(97, 96), KnownCodecs.H264(102)]);
        video.Extensions.Add(new ExtMap(4, RtpHeaderExtensionUris.Mid));
        video.Msids.Add(new Msid("stream", "track"));
        video.SsrcGroups.Add(new SsrcGroup(SsrcGroup.FlowIdentification, [1000u, 1001u]));
        video.SsrcAttributes.Add(new SsrcAttribute(1000, "cname", "confab"));
        video.SsrcAttributes.Add(new SsrcAttribute(1001, "cname", "confab"));
        sdp.Media.Add(video);
        sdp.Groups.Add(new SdpGroup(SdpGroup.Bundle, ["v0"]));

        string written = SdpWriter.Write(sdp);
        SessionDescription parsed = Parse(written);

        Assert.StartsWith("v=0\r\no=- 42 3 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE v0\r\na=ice-lite\r\nm=video 9 UDP/TLS/RTP/SAVPF 96 97 102\r\n", written, StringComparison.Ordinal);
        Assert.Contains("a=rtpmap:97 rtx/90000\r\na=fmtp:97 apt=96\r\n", written, StringComparison.Ordinal);
        Assert.Contains("a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f\r\n", written, StringComparison.Ordinal);
        Assert.Equal(97, parsed.Media[0].FindRtxPayloadType(96));
        Assert.Equal(written, SdpWriter.Write(parsed));
    }
}
