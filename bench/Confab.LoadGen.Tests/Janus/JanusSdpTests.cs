using System.Net;
using Confab.LoadGen.Janus;
using Confab.LoadGen.Media;
using Confab.Rtc.Dtls;
using Confab.Rtc.Sdp;

namespace Confab.LoadGen.Tests.Janus;

public class JanusSdpTests
{
    private static SessionDescription Parse(string text)
    {
        Assert.True(SdpParser.TryParse(text, out SessionDescription? sdp, out string? error), error);
        return sdp!;
    }

    [Fact]
    public void Publish_offer_is_bundled_send_only_opus_and_vp8_with_our_transport()
    {
        DtlsCertificate certificate = DtlsCertificate.Generate();
        using var peer = new MediaPeer(IPAddress.Loopback, certificate);
        SessionDescription offer = Parse(JanusSdp.BuildPublishOffer(peer, 1001, 2002, 77));

        Assert.Equal(["0", "1"], offer.BundleGroup!.Mids);
        Assert.Equal(["audio", "video"], offer.Media.Select(m => m.Media));
        Assert.All(offer.Media, m =>
        {
            Assert.Equal(MediaDirection.SendOnly, m.Direction);
            Assert.True(m.RtcpMux);
            Assert.Equal(SdpSetupRole.ActPass, offer.SetupFor(m));
            Assert.Equal(peer.LocalCredentials.Ufrag, offer.IceUfragFor(m));
            Assert.Equal(peer.LocalCredentials.Password, offer.IcePwdFor(m));
            Assert.Equal(certificate.SdpFingerprint, offer.FingerprintFor(m)!.ToString(), ignoreCase: true);
            IceCandidate candidate = Assert.Single(m.Candidates);
            Assert.Equal(("127.0.0.1", peer.LocalEndPoint.Port), (candidate.Address, candidate.Port));
        });
        Assert.Equal("opus", Assert.Single(offer.Media[0].Codecs).Name);
        Assert.Equal(96, Assert.Single(offer.Media[1].Codecs).PayloadType);
        Assert.Contains(offer.Media[0].SsrcAttributes, a => a.Ssrc == 1001);
        Assert.Contains(offer.Media[1].SsrcAttributes, a => a.Ssrc == 2002);
    }

    [Fact]
    public void Janus_answer_gives_its_credentials_candidate_and_makes_us_the_dtls_server()
    {
        JanusMessage configured = Fixture.Single("poll-configured.json");
        Assert.True(JanusSdp.TryReadRemoteTransport(Parse(configured.Jsep!.Sdp), out RemoteTransport? remote, out string? error), error);
        Assert.Equal("dICo", remote!.Credentials.Ufrag);
        Assert.Equal("kBwT1eZYMKUjtL2nBXqwPs", remote.Credentials.Password);
        Assert.Equal([new IPEndPoint(IPAddress.Parse("192.0.2.2"), 24421)], remote.Candidates);
        Assert.Equal(SdpSetupRole.Active, remote.Setup);
        Assert.Equal(DtlsRole.Server, remote.OurRoleWhenTheyAnswered);
        Assert.StartsWith("sha-256 B8:13:60", remote.Fingerprint, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Subscriber_answer_receives_every_offered_line_with_its_codec_and_takes_the_active_role()
    {
        JanusMessage attached = Fixture.Single("event-subscriber-attached.json");
        SessionDescription offer = Parse(attached.Jsep!.Sdp);
        using var peer = new MediaPeer(IPAddress.Loopback, DtlsCertificate.Generate());
        SessionDescription answer = Parse(JanusSdp.BuildSubscribeAnswer(offer, peer, 5));

        Assert.Equal(["0", "1"], answer.BundleGroup!.Mids);
        Assert.Equal(["0", "1"], answer.Media.Select(m => m.Mid));
        Assert.All(answer.Media, m =>
        {
            Assert.Equal(MediaDirection.RecvOnly, m.Direction);
            Assert.Equal(SdpSetupRole.Active, answer.SetupFor(m));
            Assert.Empty(m.SsrcAttributes);
        });
        Assert.Equal(111, Assert.Single(answer.Media[0].Codecs).PayloadType);
        Assert.Equal("VP8", Assert.Single(answer.Media[1].Codecs).Name);
    }

    [Fact]
    public void Rejected_offered_lines_stay_rejected_in_the_answer()
    {
        JanusMessage attached = Fixture.Single("event-subscriber-attached.json");
        string rejectedVideo = attached.Jsep!.Sdp.Replace("m=video 9 ", "m=video 0 ", StringComparison.Ordinal);
        using var peer = new MediaPeer(IPAddress.Loopback, DtlsCertificate.Generate());
        SessionDescription answer = Parse(JanusSdp.BuildSubscribeAnswer(Parse(rejectedVideo), peer, 5));
        Assert.Equal(0, answer.Media[1].Port);
        Assert.NotEqual(0, answer.Media[0].Port);
    }

    [Fact]
    public void Descriptions_without_a_usable_transport_are_refused_with_a_reason()
    {
        JanusMessage configured = Fixture.Single("poll-configured.json");
        string noCandidates = string.Join("\r\n", configured.Jsep!.Sdp.Split("\r\n").Where(l => !l.StartsWith("a=candidate", StringComparison.Ordinal)));
        Assert.False(JanusSdp.TryReadRemoteTransport(Parse(noCandidates), out _, out string? error));
        Assert.Equal("no IPv4 UDP candidate", error);

        string noFingerprint = string.Join("\r\n", configured.Jsep.Sdp.Split("\r\n").Where(l => !l.StartsWith("a=fingerprint", StringComparison.Ordinal)));
        Assert.False(JanusSdp.TryReadRemoteTransport(Parse(noFingerprint), out _, out error));
        Assert.Equal("no a=fingerprint", error);
    }
}
