using Confab.Rtc.Sdp;

namespace Confab.Rtc.Tests.Sdp;

public class SdpParserFixtureTests
{
    private static SessionDescription Parse(string text)
    {
        bool ok = SdpParser.TryParse(text, out SessionDescription? sdp, out string? error);
        Assert.True(ok, error);
        return sdp!;
    }

    [Fact]
    public void AudioVideoOfferSessionLevel()
    {
        SessionDescription sdp = Parse(ChromiumOffers.AudioVideo);

        Assert.Equal(new SdpOrigin("-", 4611731400430051336, 2, "IN", "IP4", "127.0.0.1"), sdp.Origin);
        Assert.Equal("-", sdp.SessionName);
        Assert.Equal(SdpTiming.Unbounded, sdp.Timing);
        Assert.Equal(["0", "1"], sdp.BundleGroup!.Mids);
        Assert.True(sdp.ExtMapAllowMixed);
        Assert.Equal("WMS", sdp.MsidSemantic!.Semantic);
        Assert.Equal(["9d9a6d3c-3c2e-4b7e-8f0a-4a1f7d3b2c10"], sdp.MsidSemantic.StreamIds);
        Assert.False(sdp.IceLite);
        Assert.Equal(2, sdp.Media.Count);
    }

    [Fact]
    public void AudioVideoOfferAudioSection()
    {
        MediaDescription audio = Parse(ChromiumOffers.AudioVideo).Media[0];

        Assert.Equal(MediaKind.Audio, audio.Kind);
        Assert.Equal(9, audio.Port);
        Assert.Equal(MediaDescription.WebRtcProtocol, audio.Protocol);
        Assert.Equal(["111", "63", "9", "0", "8", "13", "110", "126"], audio.Formats);
        Assert.Equal(SdpConnection.Ip4Any, audio.Connection);
        Assert.Equal("0", audio.Mid);
        Assert.Equal(MediaDirection.SendRecv, audio.Direction);
        Assert.True(audio.RtcpMux);
        Assert.True(audio.RtcpReducedSize);
        Assert.Equal("Yb1n", audio.IceUfrag);
        Assert.Equal("9q6kUXNbD2o0bAOw1dJ3T5m6", audio.IcePwd);
        Assert.Equal(["trickle"], audio.IceOptions);
        Assert.Equal("sha-256", audio.Fingerprint!.HashFunction);
        Assert.StartsWith("7B:8B:F0", audio.Fingerprint.Value, StringComparison.Ordinal);
        Assert.Equal(SdpSetupRole.ActPass, audio.Setup);

        Codec opus = audio.Codecs[0];
        Assert.Equal((111, "opus", 48000, (int?)2), (opus.PayloadType, opus.Name, opus.ClockRate, opus.Channels));
        Assert.Equal("10", opus.GetParameter("minptime"));
        Assert.Equal("1", opus.GetParameter("useinbandfec"));
        Assert.Equal(["transport-cc"], opus.Feedback);
        Codec red = audio.Codecs[1];
        Assert.Equal("red", red.Name);
        Assert.Equal("111/111", red.FormatParameters());
        Assert.Equal(8, audio.Codecs.Count);
        Assert.Equal(audio.Formats, audio.Codecs.Select(c => c.PayloadType.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(4, audio.Extensions.Count);
        Assert.Equal((1, RtpHeaderExtensionUris.AudioLevel), (audio.Extensions[0].Id, audio.Extensions[0].Uri));
        Assert.Equal(4, audio.FindExtension(RtpHeaderExtensionUris.Mid)!.Id);

        Assert.Equal(new Msid("9d9a6d3c-3c2e-4b7e-8f0a-4a1f7d3b2c10", "5b1e0c7a-2d4f-4e8b-9c1a-6f2e3d4c5b6a"), Assert.Single(audio.Msids));
        Assert.Equal(new SsrcAttribute(3735928559, "cname", "mZ0b4kT3sQ9pW2xR"), audio.SsrcAttributes[0]);
        Assert.Equal("msid", audio.SsrcAttributes[1].Name);
        Assert.Equal(new SdpAttribute("rtcp", "9 IN IP4 0.0.0.0"), Assert.Single(audio.OtherAttributes));
    }

    [Fact]
    public void AudioVideoOfferVideoSection()
    {
        MediaDescription video = Parse(ChromiumOffers.AudioVideo).Media[1];

        Assert.Equal(MediaKind.Video, video.Kind);
        Assert.Equal("1", video.Mid);
        Assert.Equal(25, video.Codecs.Count);
        Assert.Equal(11, video.Extensions.Count);
        Assert.Equal(14, video.Extensions[0].Id);
        Assert.Equal(10, video.FindExtension(RtpHeaderExtensionUris.RtpStreamId)!.Id);

        Codec vp8 = video.FindCodec(96)!;
        Assert.Equal(["goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"], vp8.Feedback);
        Codec h264 = video.FindCodec(102)!;
        Assert.Equal("H264", h264.Name);
        Assert.Equal(["level-asymmetry-allowed", "packetization-mode", "profile-level-id"], h264.Parameters.Keys);
        Assert.Equal("42001f", h264.GetParameter("profile-level-id"));
        Assert.Equal("level-idx=5;profile=0;tier=0", video.FindCodec(45)!.FormatParameters());
        Assert.Equal("ulpfec", video.FindCodec(116)!.Name);

        SsrcGroup fid = Assert.Single(video.SsrcGroups);
        Assert.Equal(SsrcGroup.FlowIdentification, fid.Semantics);
        Assert.Equal([2882400001u, 2882400002u], fid.Ssrcs);
        Assert.Equal(4, video.SsrcAttributes.Count);
        Assert.Null(video.Simulcast);
    }

    [Fact]
    public void SimulcastOfferHasThreeSendRids()
    {
        MediaDescription video = Assert.Single(Parse(ChromiumOffers.Simulcast).Media);

        Assert.Equal(MediaDirection.SendOnly, video.Direction);
        Assert.Equal(["q", "h", "f"], video.Rids.Select(r => r.Id));
        Assert.All(video.Rids, r => Assert.Equal(RidDirection.Send, r.Direction));
        Assert.Equal(["q", "h", "f"], video.Simulcast!.SendRids);
        Assert.Equal(3, video.Simulcast.Send.Count);
        Assert.Empty(video.Simulcast.Recv);
        Assert.Empty(video.SsrcGroups);
    }

    [Fact]
    public void RecvOnlyOfferUsesNamedMidsAndNoSsrcs()
    {
        SessionDescription sdp = Parse(ChromiumOffers.RecvOnly);

        Assert.Equal(["a", "v"], sdp.BundleGroup!.Mids);
        Assert.Empty(sdp.MsidSemantic!.StreamIds);
        Assert.All(sdp.Media, m => Assert.Equal(MediaDirection.RecvOnly, m.Direction));
        Assert.All(sdp.Media, m => Assert.Empty(m.SsrcAttributes));
        Assert.False(sdp.Media[0].RtcpReducedSize);
        Assert.True(sdp.Media[1].RtcpReducedSize);
        Assert.Equal("PCMU", sdp.Media[0].FindCodec(0)!.Name);
    }

    [Fact]
    public void DataChannelOfferWithCandidates()
    {
        SessionDescription sdp = Parse(ChromiumOffers.DataChannel);
        MediaDescription audio = sdp.Media[0];
        MediaDescription data = sdp.Media[1];

        Assert.Equal(46243, audio.Port);
        Assert.Equal(4, audio.Candidates.Count);
        Assert.True(audio.EndOfCandidates);
        IceCandidate host = audio.Candidates[0];
        Assert.Equal(("1467250027", 1, "udp", 2122260223u), (host.Foundation, host.Component, host.Transport, host.Priority));
        Assert.Equal(("192.168.0.196", 46243, "host"), (host.Address, host.Port, host.Type));
        Assert.Equal("0", host.GetExtension("generation"));
        Assert.Equal("10", host.GetExtension("network-cost"));
        Assert.Equal("active", audio.Candidates[1].GetExtension("tcptype"));
        IceCandidate srflx = audio.Candidates[2];
        Assert.Equal(("srflx", "192.168.0.196", (int?)46243), (srflx.Type, srflx.RelatedAddress, srflx.RelatedPort));
        Assert.Equal("Qm2c", audio.Candidates[3].GetExtension("ufrag"));
        Assert.Equal(new Msid("-", "2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091"), Assert.Single(audio.Msids));

        Assert.Equal(MediaKind.Application, data.Kind);
        Assert.True(data.IsDataChannel);
        Assert.False(data.IsRtp);
        Assert.Equal(MediaDescription.DataChannelProtocol, data.Protocol);
        Assert.Equal([MediaDescription.DataChannelFormat], data.Formats);
        Assert.Empty(data.Codecs);
        Assert.Equal(5000, data.SctpPort);
        Assert.Equal(262144, data.MaxMessageSize);
        Assert.False(data.EndOfCandidates);
    }

    [Fact]
    public void CrLfAndLfGiveTheSameDescription()
    {
        foreach (string fixture in ChromiumOffers.All)
        {
            string fromLf = SdpWriter.Write(Parse(fixture));
            string fromCrLf = SdpWriter.Write(Parse(ChromiumOffers.WithCrLf(fixture)));
            Assert.Equal(fromLf, fromCrLf);
        }
    }

    [Fact]
    public void SessionLevelIceAndDtlsAttributesAreRead()
    {
        string text = "v=0\no=- 1 1 IN IP4 127.0.0.1\ns=-\nt=0 0\na=ice-lite\na=ice-ufrag:abcd\n"
            + "a=ice-pwd:abcdefghijklmnopqrstuv\na=fingerprint:SHA-256 ab:cd\na=setup:passive\n"
            + "m=audio 9 UDP/TLS/RTP/SAVPF 111\na=mid:0\na=rtpmap:111 opus/48000/2\n";
        SessionDescription sdp = Parse(text);

        Assert.True(sdp.IceLite);
        Assert.Equal("abcd", sdp.IceUfragFor(sdp.Media[0]));
        Assert.Equal("abcdefghijklmnopqrstuv", sdp.IcePwdFor(sdp.Media[0]));
        Assert.Equal(new SdpFingerprint("sha-256", "AB:CD"), sdp.FingerprintFor(sdp.Media[0]));
        Assert.Equal(SdpSetupRole.Passive, sdp.SetupFor(sdp.Media[0]));
    }
}
