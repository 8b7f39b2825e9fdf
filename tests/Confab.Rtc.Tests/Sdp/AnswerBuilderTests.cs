using Confab.Rtc.Sdp;

namespace Confab.Rtc.Tests.Sdp;

public class AnswerBuilderTests
{
    private static readonly SdpFingerprint OurFingerprint = new(
        "sha-256", "11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00");

    private static IceCandidate Host(string address, int port) => new()
    {
        Foundation = "1",
        Component = 1,
        Transport = "udp",
        Priority = 2130706431,
        Address = address,
        Port = port,
        Type = "host",
    };

    private static AnswerOptions Options(
        bool acceptDataChannel = false, bool sendByDefault = false, Dictionary<string, bool>? sendByMid = null) => new()
        {
            IceUfrag = "sfuU",
            IcePwd = "sfuPasswordThatIsLongEnough",
            Fingerprint = OurFingerprint,
            Candidates = [Host("192.0.2.10", 40000), Host("2001:db8::10", 40000)],
            SessionId = 7_000_000_001,
            SessionVersion = 2,
            AcceptDataChannel = acceptDataChannel,
            SendByDefault = sendByDefault,
            SendByMid = sendByMid ?? [],
        };

    private static SessionDescription Answer(string offerText, AnswerOptions options)
    {
        Assert.True(SdpParser.TryParse(offerText, out SessionDescription? offer, out string? parseError), parseError);
        Assert.True(AnswerBuilder.TryBuild(offer, options, out SessionDescription? answer, out string? error), error);
        // What the SFU sends must itself be valid SDP.
        Assert.True(SdpParser.TryParse(SdpWriter.Write(answer), out SessionDescription? reparsed, out string? answerError), answerError);
        Assert.Equal(SdpWriter.Write(answer), SdpWriter.Write(reparsed));
        return answer;
    }

    [Fact]
    public void AnswerIsIceLitePassiveBundledAndKeepsMids()
    {
        SessionDescription answer = Answer(ChromiumOffers.AudioVideo, Options());

        Assert.True(answer.IceLite);
        Assert.Equal(new SdpOrigin("-", 7_000_000_001, 2, "IN", "IP4", "127.0.0.1"), answer.Origin);
        Assert.Equal(["0", "1"], answer.Media.Select(m => m.Mid));
        Assert.Equal(["audio", "video"], answer.Media.Select(m => m.Media));
        Assert.Equal(["0", "1"], answer.BundleGroup!.Mids);
        Assert.True(answer.ExtMapAllowMixed);
        Assert.All(answer.Media, m =>
        {
            Assert.Equal(SdpSetupRole.Passive, m.Setup);
            Assert.Equal("sfuU", m.IceUfrag);
            Assert.Equal("sfuPasswordThatIsLongEnough", m.IcePwd);
            Assert.Equal(OurFingerprint, m.Fingerprint);
            Assert.True(m.RtcpMux);
            Assert.True(m.RtcpReducedSize);
            Assert.Equal(40000, m.Port);
            Assert.Equal(new SdpConnection("IN", "IP4", "192.0.2.10"), m.Connection);
        });
        string text = SdpWriter.Write(answer);
        Assert.Contains("\r\na=ice-lite\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\na=setup:passive\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\na=group:BUNDLE 0 1\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void CandidatesGoInTheBundleTagSectionOnly()
    {
        SessionDescription answer = Answer(ChromiumOffers.AudioVideo, Options());

        Assert.Equal(["192.0.2.10", "2001:db8::10"], answer.Media[0].Candidates.Select(c => c.Address));
        Assert.True(answer.Media[0].EndOfCandidates);
        Assert.Empty(answer.Media[1].Candidates);
        Assert.False(answer.Media[1].EndOfCandidates);
    }

    [Fact]
    public void PayloadTypesOfTheOfferAreKeptWithRtxPairs()
    {
        SessionDescription answer = Answer(ChromiumOffers.AudioVideo, Options());
        MediaDescription audio = answer.Media[0];
        MediaDescription video = answer.Media[1];

        // Opus only: red, G722, PCMU/PCMA, CN and telephone-event are not forwarded.
        Assert.Equal(["111"], audio.Formats);
        Assert.Equal("minptime=10;useinbandfec=1", audio.Codecs[0].FormatParameters());
        Assert.Equal(["transport-cc"], audio.Codecs[0].Feedback);

        // VP8+rtx, VP9 profile 0+rtx, H.264 mode 1 in 42001f, 42e01f, 4d001f (+rtx). Not VP9 profile 2,
        // H.264 mode 0, AV1, H.264 High 64001f, red or ulpfec.
        Assert.Equal(["96", "97", "98", "99", "102", "103", "106", "107", "127", "125"], video.Formats);
        Assert.Equal(97, video.FindRtxPayloadType(96));
        Assert.Equal(99, video.FindRtxPayloadType(98));
        Assert.Equal(103, video.FindRtxPayloadType(102));
        Assert.Equal(125, video.FindRtxPayloadType(127));
        Assert.Equal(["goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"], video.FindCodec(96)!.Feedback);
        Assert.Empty(video.FindCodec(97)!.Feedback);
        Assert.Equal("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4d001f", video.FindCodec(127)!.FormatParameters());
    }

    [Fact]
    public void HeaderExtensionsKeepTheOfferedIds()
    {
        SessionDescription answer = Answer(ChromiumOffers.AudioVideo, Options());

        Assert.Equal(["1 urn:ietf:params:rtp-hdrext:ssrc-audio-level", "2 " + RtpHeaderExtensionUris.AbsSendTime,
                "3 " + RtpHeaderExtensionUris.TransportWideCc, "4 " + RtpHeaderExtensionUris.Mid],
            answer.Media[0].Extensions.Select(e => e.ToString()));
        Assert.Equal([2, 3, 4, 10, 11], answer.Media[1].Extensions.Select(e => e.Id));
    }

    [Fact]
    public void DirectionsAreReversed()
    {
        SessionDescription receiveOnly = Answer(ChromiumOffers.AudioVideo, Options());
        Assert.All(receiveOnly.Media, m => Assert.Equal(MediaDirection.RecvOnly, m.Direction));

        SessionDescription both = Answer(ChromiumOffers.AudioVideo, Options(sendByMid: new() { ["1"] = true }));
        Assert.Equal([MediaDirection.RecvOnly, MediaDirection.SendRecv], both.Media.Select(m => m.Direction));

        SessionDescription subscriber = Answer(ChromiumOffers.RecvOnly, Options(sendByMid: new() { ["a"] = true }));
        Assert.Equal([MediaDirection.SendOnly, MediaDirection.Inactive], subscriber.Media.Select(m => m.Direction));

        SessionDescription sendAll = Answer(ChromiumOffers.RecvOnly, Options(sendByDefault: true));
        Assert.All(sendAll.Media, m => Assert.Equal(MediaDirection.SendOnly, m.Direction));
    }

    [Fact]
    public void SendOnlyOfferIsAnsweredRecvOnlyEvenWhenTheSfuWouldSend()
    {
        SessionDescription answer = Answer(ChromiumOffers.Simulcast, Options(sendByDefault: true));

        Assert.Equal(MediaDirection.RecvOnly, Assert.Single(answer.Media).Direction);
    }

    [Fact]
    public void SimulcastOfferIsAnsweredWithRecvRids()
    {
        SessionDescription answer = Answer(ChromiumOffers.Simulcast, Options());
        MediaDescription video = Assert.Single(answer.Media);

        Assert.Equal(["q", "h", "f"], video.Rids.Select(r => r.Id));
        Assert.All(video.Rids, r => Assert.Equal(RidDirection.Recv, r.Direction));
        Assert.Equal("recv q;h;f", video.Simulcast!.ToString());
        Assert.Equal(["96", "97", "102", "103"], video.Formats);
        Assert.NotNull(video.FindExtension(RtpHeaderExtensionUris.RtpStreamId));
        Assert.NotNull(video.FindExtension(RtpHeaderExtensionUris.RepairedRtpStreamId));
        string text = SdpWriter.Write(answer);
        Assert.Contains("a=rid:q recv\r\na=rid:h recv\r\na=rid:f recv\r\na=simulcast:recv q;h;f\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void SimulcastRidRestrictedToRejectedCodecsIsDropped()
    {
        string offer = ChromiumOffers.Simulcast
            .Replace("a=rid:f send", "a=rid:f send pt=45", StringComparison.Ordinal)
            .Replace("a=rid:h send", "a=rid:h send pt=45,96;max-width=640", StringComparison.Ordinal);

        MediaDescription video = Assert.Single(Answer(offer, Options()).Media);

        Assert.Equal(["q", "h"], video.Rids.Select(r => r.Id));
        Assert.Equal("h recv pt=96", video.Rids[1].ToString());
        Assert.Equal("recv q;h", video.Simulcast!.ToString());
    }

    [Fact]
    public void DataChannelIsRejectedByDefault()
    {
        SessionDescription answer = Answer(ChromiumOffers.DataChannel, Options());
        MediaDescription data = answer.Media[1];

        Assert.Equal(0, data.Port);
        Assert.Equal("1", data.Mid);
        Assert.Equal(MediaDescription.DataChannelProtocol, data.Protocol);
        Assert.Equal([MediaDescription.DataChannelFormat], data.Formats);
        Assert.Null(data.SctpPort);
        Assert.Equal(["0"], answer.BundleGroup!.Mids);
        Assert.Contains("m=application 0 UDP/DTLS/SCTP webrtc-datachannel\r\n", SdpWriter.Write(answer), StringComparison.Ordinal);
    }

    [Fact]
    public void DataChannelIsAcceptedWhenAsked()
    {
        SessionDescription answer = Answer(ChromiumOffers.DataChannel, Options(acceptDataChannel: true));
        MediaDescription data = answer.Media[1];

        Assert.Equal(40000, data.Port);
        Assert.Equal(5000, data.SctpPort);
        Assert.Equal(262144, data.MaxMessageSize);
        Assert.Equal(SdpSetupRole.Passive, data.Setup);
        Assert.Equal(["0", "1"], answer.BundleGroup!.Mids);
    }

    [Fact]
    public void SectionWithoutCommonCodecIsRejectedWithPortZero()
    {
        string offer = ChromiumOffers.RecvOnly
            .Replace("m=video 9 UDP/TLS/RTP/SAVPF 96 97", "m=video 9 UDP/TLS/RTP/SAVPF 45 97", StringComparison.Ordinal)
            .Replace("a=rtpmap:96 VP8/90000", "a=rtpmap:45 AV1/90000", StringComparison.Ordinal)
            .Replace("a=rtcp-fb:96", "a=rtcp-fb:45", StringComparison.Ordinal)
            .Replace("apt=96", "apt=45", StringComparison.Ordinal);

        SessionDescription answer = Answer(offer, Options());
        MediaDescription video = answer.Media[1];

        Assert.Equal(0, video.Port);
        Assert.Equal("v", video.Mid);
        Assert.Equal(["45", "97"], video.Formats);
        Assert.DoesNotContain(video.Codecs, c => c.HasRtpMap);
        Assert.Equal(["a"], answer.BundleGroup!.Mids);
        Assert.Equal(40000, answer.Media[0].Port);
    }

    [Fact]
    public void SectionsOutsideTheBundleGroupAreRejected()
    {
        string offer = ChromiumOffers.AudioVideo.Replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 1", StringComparison.Ordinal);

        SessionDescription answer = Answer(offer, Options());

        Assert.Equal([0, 40000], answer.Media.Select(m => m.Port));
        Assert.Equal(["1"], answer.BundleGroup!.Mids);
        Assert.NotEmpty(answer.Media[1].Candidates);
    }

    [Fact]
    public void OfferWithNothingAcceptableFails()
    {
        string offer = ChromiumOffers.DataChannel.Replace("m=audio 46243", "m=audio 0", StringComparison.Ordinal);
        Assert.True(SdpParser.TryParse(offer, out SessionDescription? parsed, out _));

        Assert.False(AnswerBuilder.TryBuild(parsed, Options(), out SessionDescription? answer, out string? error));
        Assert.Null(answer);
        Assert.Equal("no offered section can be accepted", error);
    }

    [Fact]
    public void OfferWithoutFingerprintIsRejected()
    {
        string offer = ChromiumOffers.RecvOnly.Replace("a=fingerprint:" + ChromiumOffers.Fingerprint + "\n", "", StringComparison.Ordinal);
        Assert.True(SdpParser.TryParse(offer, out SessionDescription? parsed, out _));

        Assert.False(AnswerBuilder.TryBuild(parsed, Options(), out _, out string? error));
        Assert.Equal("no offered section can be accepted", error);
    }
}
