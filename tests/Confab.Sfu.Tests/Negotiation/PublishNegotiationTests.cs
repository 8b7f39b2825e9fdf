using System.Net;
using Confab.Rtc.Sdp;
using Confab.Sfu.Negotiation;

namespace Confab.Sfu.Tests.Negotiation;

public class PublishNegotiationTests
{
    private static readonly LocalTransportParameters Local = new(
        "sfuU", "sfuPasswordThatIsLongEnough",
        new SdpFingerprint("sha-256", string.Join(':', Enumerable.Repeat("CD", 32))),
        [new IPEndPoint(IPAddress.Loopback, 40000), new IPEndPoint(IPAddress.Parse("192.0.2.10"), 40000)]);

    // A Chromium-shaped publish offer: Opus then RED for audio; VP8, its RTX, then VP9 for video.
    private const string Offer =
        "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n" +
        "a=group:BUNDLE 0 1\r\na=extmap-allow-mixed\r\na=msid-semantic: WMS stream\r\n" +
        "m=audio 9 UDP/TLS/RTP/SAVPF 111 63\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n" +
        "a=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\na=ice-options:trickle\r\n" +
        "a=fingerprint:sha-256 " + "11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00" + "\r\n" +
        "a=setup:actpass\r\na=mid:0\r\na=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid\r\n" +
        "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01\r\n" +
        "a=sendonly\r\na=msid:stream audio1\r\na=rtcp-mux\r\na=rtcp-rsize\r\n" +
        "a=rtpmap:111 opus/48000/2\r\na=rtcp-fb:111 transport-cc\r\na=fmtp:111 minptime=10;useinbandfec=1\r\n" +
        "a=rtpmap:63 red/48000/2\r\na=fmtp:63 111/111\r\n" +
        "a=ssrc:1111 cname:c\r\na=ssrc:1111 msid:stream audio1\r\n" +
        "m=video 9 UDP/TLS/RTP/SAVPF 96 97 98\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n" +
        "a=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\na=ice-options:trickle\r\n" +
        "a=fingerprint:sha-256 " + "11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00" + "\r\n" +
        "a=setup:actpass\r\na=mid:1\r\na=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid\r\n" +
        "a=sendonly\r\na=msid:stream video1\r\na=rtcp-mux\r\na=rtcp-rsize\r\n" +
        "a=rtpmap:96 VP8/90000\r\na=rtcp-fb:96 goog-remb\r\na=rtcp-fb:96 transport-cc\r\na=rtcp-fb:96 ccm fir\r\n" +
        "a=rtcp-fb:96 nack\r\na=rtcp-fb:96 nack pli\r\n" +
        "a=rtpmap:97 rtx/90000\r\na=fmtp:97 apt=96\r\n" +
        "a=rtpmap:98 VP9/90000\r\na=fmtp:98 profile-id=0\r\n" +
        "a=ssrc-group:FID 2222 2223\r\na=ssrc:2222 cname:c\r\na=ssrc:2223 cname:c\r\n";

    [Fact]
    public void EachTrackIsAcceptedWithOneCodecItsRtxAndItsSsrcs()
    {
        Assert.True(SdpParser.TryParse(Offer, out var offer, out var parseError), parseError);
        Assert.True(PublishNegotiation.TryAnswer(offer, Local, out var answer, out var tracks, out var error), error);

        Assert.Equal(2, tracks.Count);
        var audio = tracks[0];
        Assert.Equal("0", audio.Mid);
        Assert.Equal("opus", audio.Codec.Name);
        Assert.Equal(1111u, audio.Ssrc);
        var video = tracks[1];
        Assert.Equal("VP8", video.Codec.Name);
        Assert.Equal(97, video.Rtx!.PayloadType);
        Assert.Equal((2222u, 2223u), (video.Ssrc!.Value, video.RtxSsrc!.Value));

        Assert.True(answer.IceLite);
        Assert.Equal(["111"], answer.Media[0].Formats);
        Assert.Equal(["96", "97"], answer.Media[1].Formats);
        Assert.All(answer.Media, m => Assert.Equal(MediaDirection.RecvOnly, m.Direction));
        Assert.All(answer.Media, m => Assert.Equal(SdpSetupRole.Passive, answer.SetupFor(m)));
        Assert.DoesNotContain(answer.Media[1].Codecs[0].Feedback, f => f is "transport-cc" or "goog-remb");
        Assert.DoesNotContain(answer.Media.SelectMany(m => m.Extensions), e => e.Uri == RtpHeaderExtensionUris.TransportWideCc);
        Assert.Equal(2, answer.Media[0].Candidates.Count);
        Assert.Equal(4, PublishNegotiation.MidExtensionId(offer));
    }

    [Fact]
    public void AnOfferThatSendsNothingUsableIsRefused()
    {
        string receiveOnly = Offer.Replace("a=sendonly", "a=recvonly", StringComparison.Ordinal);
        Assert.True(SdpParser.TryParse(receiveOnly, out var offer, out _));
        Assert.False(PublishNegotiation.TryAnswer(offer, Local, out _, out _, out var error));
        Assert.Contains("sends no audio or video", error);
    }

    [Fact]
    public void ARenegotiationMayStopEveryTrackWhenAllowed()
    {
        string stopped = Offer.Replace("a=sendonly", "a=inactive", StringComparison.Ordinal);
        Assert.True(SdpParser.TryParse(stopped, out var offer, out _));
        Assert.False(PublishNegotiation.TryAnswer(offer, Local, out _, out _, out _));

        Assert.True(PublishNegotiation.TryAnswer(offer, Local, out var answer, out var tracks, out var error, allowNoTracks: true), error);
        Assert.Empty(tracks);
        Assert.All(answer.Media, m => Assert.Equal(MediaDirection.Inactive, m.Direction));
    }

    [Fact]
    public void ASectionRejectedInTheOfferIsRejectedInTheAnswerAndPublishesNothing()
    {
        // As Chromium writes a stopped transceiver: port 0, out of the BUNDLE group.
        string rejected = Offer.Replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0", StringComparison.Ordinal)
            .Replace("m=video 9 ", "m=video 0 ", StringComparison.Ordinal);
        Assert.True(SdpParser.TryParse(rejected, out var offer, out var parseError), parseError);
        Assert.True(PublishNegotiation.TryAnswer(offer, Local, out var answer, out var tracks, out var error), error);

        Assert.Equal(["0"], tracks.Select(t => t.Mid));
        var video = answer.FindMedia("1")!;
        Assert.True(video.IsRejected);
        Assert.Equal("video", video.Media);
        Assert.Equal(["0"], answer.BundleGroup!.Mids);
        Assert.Contains("m=video 0 UDP/TLS/RTP/SAVPF", SdpWriter.Write(answer), StringComparison.Ordinal);
    }
}
