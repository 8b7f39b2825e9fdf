using System.Net;
using Confab.Client.Receive;
using Confab.Client.Sdp;
using Confab.Client.Transport;
using Confab.Rtc.Dtls;
using Confab.Rtc.Ice;
using Confab.Rtc.Sdp;

namespace Confab.Client.Tests.Sdp;

public class ClientSdpTests
{
    private static readonly IceCredentials Ice = new("ufrag1234", "passwordpasswordpassword");
    private static readonly string Fingerprint = DtlsCertificate.Generate().SdpFingerprint;

    private static PublishOfferOptions Options(bool audio = true, bool video = true) => new()
    {
        IceUfrag = Ice.Ufrag,
        IcePwd = Ice.Password,
        Fingerprint = Fingerprint,
        Audio = audio,
        Video = video,
        AudioSsrc = 1001,
        VideoSsrc = 2001,
        VideoRtxSsrc = 2002,
        Cname = "cnameABC",
        StreamId = "peer-1",
    };

    [Fact]
    public void The_publish_offer_parses_back_with_every_field_we_wrote()
    {
        string text = SdpWriter.Write(ClientSdp.BuildPublishOffer(Options()));
        Assert.True(SdpParser.TryParse(text, out SessionDescription? offer, out string? error), error);

        Assert.Equal(["0", "1"], offer.BundleGroup!.Mids);
        Assert.Equal(2, offer.Media.Count);
        MediaDescription audio = offer.Media[0], video = offer.Media[1];
        foreach (MediaDescription m in offer.Media)
        {
            Assert.Equal(MediaDirection.SendOnly, m.Direction);
            Assert.Equal(Ice.Ufrag, offer.IceUfragFor(m));
            Assert.Equal(Ice.Password, offer.IcePwdFor(m));
            Assert.Equal(Fingerprint, offer.FingerprintFor(m)!.ToString());
            Assert.Equal(SdpSetupRole.ActPass, offer.SetupFor(m));
            Assert.True(m.RtcpMux);
            Assert.True(m.RtcpReducedSize);
            Assert.Equal(1, m.FindExtension(RtpHeaderExtensionUris.Mid)!.Id);
            Assert.Equal(new Msid("peer-1", m.Kind == MediaKind.Audio ? "audio" : "video"), Assert.Single(m.Msids));
        }
        Assert.Equal("audio", audio.Media);
        Codec opus = Assert.Single(audio.Codecs);
        Assert.Equal((111, "opus", 48_000, 2), (opus.PayloadType, opus.Name, opus.ClockRate, opus.Channels!.Value));
        Assert.Contains(audio.SsrcAttributes, a => a is { Ssrc: 1001, Name: "cname", Value: "cnameABC" });
        Assert.Contains(audio.SsrcAttributes, a => a is { Ssrc: 1001, Name: "msid", Value: "peer-1 audio" });

        Assert.Equal(["96", "97"], video.Formats);
        Assert.Equal("VP8", video.FindCodec(96)!.Name);
        Assert.True(video.FindCodec(97)!.TryGetAssociatedPayloadType(out int apt));
        Assert.Equal(96, apt);
        SsrcGroup fid = Assert.Single(video.SsrcGroups);
        Assert.Equal(SsrcGroup.FlowIdentification, fid.Semantics);
        Assert.Equal([2001u, 2002u], fid.Ssrcs);
        Assert.Contains(video.SsrcAttributes, a => a is { Ssrc: 2002, Name: "cname" });
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void The_publish_offer_round_trips_through_parser_and_writer(bool audio, bool video)
    {
        string text = SdpWriter.Write(ClientSdp.BuildPublishOffer(Options(audio, video)));
        Assert.True(SdpParser.TryParse(text, out SessionDescription? parsed, out string? error), error);
        Assert.Equal(text, SdpWriter.Write(parsed));
        Assert.Equal((audio ? 1 : 0) + (video ? 1 : 0), parsed.Media.Count);
    }

    [Fact]
    public void The_sfu_answer_builder_accepts_the_offer_and_the_answer_makes_us_the_dtls_client()
    {
        SessionDescription offer = ClientSdp.BuildPublishOffer(Options());
        var candidate = new IceCandidate { Foundation = "1", Component = 1, Transport = "udp", Priority = 2130706431, Address = "127.0.0.1", Port = 40000, Type = "host" };
        Assert.True(AnswerBuilder.TryBuild(offer, new AnswerOptions
        {
            IceUfrag = "sfuufrag",
            IcePwd = "sfupasswordsfupassword12",
            Fingerprint = SdpFingerprint.TryParse(Fingerprint, out var fp, out _) ? fp! : throw new InvalidOperationException(),
            Candidates = [candidate],
        }, out SessionDescription? answer, out string? error), error);
        Assert.True(SdpParser.TryParse(SdpWriter.Write(answer), out SessionDescription? parsed, out error), error);

        Assert.True(RemoteTransport.TryRead(parsed, remoteIsOffer: false, AddressFamilyPreference.Loopback, out RemoteTransport? remote, out error), error);
        Assert.Equal(DtlsRole.Client, remote!.LocalDtlsRole);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 40000), remote.Candidate);
        Assert.Equal("sfuufrag", remote.Ice.Ufrag);
        Assert.Equal(1, ClientSdp.FindMidExtensionId(parsed));
        Assert.All(parsed.Media, m => Assert.Equal(MediaDirection.RecvOnly, m.Direction));
    }

    [Fact]
    public void The_subscribe_answer_accepts_every_section_receive_only_as_the_dtls_client()
    {
        SessionDescription offer = SfuLikeSubscribeOffer();
        SessionDescription answer = ClientSdp.BuildSubscribeAnswer(offer, Ice.Ufrag, Ice.Password, Fingerprint);
        string text = SdpWriter.Write(answer);
        Assert.True(SdpParser.TryParse(text, out SessionDescription? parsed, out string? error), error);

        Assert.Equal(["0", "1", "2"], parsed.Media.Select(m => m.Mid!));
        Assert.Equal([MediaDirection.RecvOnly, MediaDirection.RecvOnly, MediaDirection.Inactive], parsed.Media.Select(m => m.Direction));
        Assert.Equal(["0", "1", "2"], parsed.BundleGroup!.Mids);
        foreach (MediaDescription m in parsed.Media)
        {
            Assert.Equal(SdpSetupRole.Active, parsed.SetupFor(m));
            Assert.Equal(Ice.Ufrag, parsed.IceUfragFor(m));
            Assert.Equal(Fingerprint, parsed.FingerprintFor(m)!.ToString());
            MediaDescription offered = offer.FindMedia(m.Mid!)!;
            Assert.Equal(offered.Formats, m.Formats);
            Assert.Equal(offered.Extensions.Select(e => (e.Id, e.Uri)), m.Extensions.Select(e => (e.Id, e.Uri)));
            Assert.Empty(m.SsrcAttributes);
        }
        Assert.Equal(text, SdpWriter.Write(parsed));

        Assert.True(RemoteTransport.TryRead(offer, remoteIsOffer: true, AddressFamilyPreference.Loopback, out RemoteTransport? remote, out error), error);
        Assert.Equal(DtlsRole.Client, remote!.LocalDtlsRole);
    }

    [Fact]
    public void A_rejected_offered_section_stays_rejected_and_leaves_the_bundle()
    {
        SessionDescription offer = SfuLikeSubscribeOffer();
        offer.Media[1].Port = 0;
        SessionDescription answer = ClientSdp.BuildSubscribeAnswer(offer, Ice.Ufrag, Ice.Password, Fingerprint);
        Assert.True(answer.Media[1].IsRejected);
        Assert.Equal(["0", "2"], answer.BundleGroup!.Mids);
    }

    [Fact]
    public void Incoming_streams_learn_the_publisher_of_each_ssrc_from_the_offer()
    {
        var incoming = new IncomingStreams();
        incoming.Configure(SfuLikeSubscribeOffer());
        byte[] packet = Receive.PacketFeed.Audio(0, 1, 1_000_000, ssrc: 5001);
        Assert.True(Confab.Rtc.Rtp.RtpHeader.TryRead(packet, out var header));
        Assert.NotNull(incoming.OnRtp(packet, header, 1_010_000));

        ReceiveStreamSnapshot snapshot = Assert.Single(incoming.Snapshot());
        Assert.Equal("peer-A", snapshot.StreamId);
        Assert.Equal(MediaKind.Audio, snapshot.Kind);
    }

    [Theory]
    [InlineData("a=setup:actpass", false)] // an answer must not say actpass
    [InlineData("a=fingerprint:sha-256 ZZ", true)]
    [InlineData("a=ice-pwd:short", true)]
    public void Unusable_remote_descriptions_are_refused_with_a_reason(string breakLine, bool remoteIsOffer)
    {
        string text = SdpWriter.Write(SfuLikeSubscribeOffer());
        string prefix = breakLine[..(breakLine.IndexOf(':', StringComparison.Ordinal) + 1)];
        text = string.Join("\r\n", text.Split("\r\n").Select(l => l.StartsWith(prefix, StringComparison.Ordinal) ? breakLine : l));
        // Refused either by the parser or by the transport reader, never accepted.
        string? error = null;
        bool usable = SdpParser.TryParse(text, out SessionDescription? sdp, out error)
            && RemoteTransport.TryRead(sdp, remoteIsOffer, AddressFamilyPreference.Loopback, out _, out error);
        Assert.False(usable);
        Assert.False(string.IsNullOrEmpty(error));
    }

    /// <summary>What the SFU's subscribe offer looks like: audio and video from peer-A, an inactive reused section.</summary>
    internal static SessionDescription SfuLikeSubscribeOffer()
    {
        var sfuFingerprint = SdpFingerprint.TryParse(DtlsCertificate.Generate().SdpFingerprint, out var f, out _) ? f! : throw new InvalidOperationException();
        var offer = new SessionDescription { IceLite = true };
        (string Kind, string Mid, MediaDirection Direction, uint Ssrc)[] sections =
            [("audio", "0", MediaDirection.SendOnly, 5001), ("video", "1", MediaDirection.SendOnly, 5002), ("audio", "2", MediaDirection.Inactive, 0)];
        foreach (var (kind, mid, direction, ssrc) in sections)
        {
            var media = new MediaDescription
            {
                Media = kind, Mid = mid, Direction = direction, Connection = new SdpConnection("IN", "IP4", "127.0.0.1"), Port = 40000,
                IceUfrag = "sfuufrag", IcePwd = "sfupasswordsfupassword12", Fingerprint = sfuFingerprint, Setup = SdpSetupRole.ActPass,
                RtcpMux = true, RtcpReducedSize = true,
            };
            media.Extensions.Add(new ExtMap(4, RtpHeaderExtensionUris.Mid));
            media.SetCodecs(kind == "audio" ? [KnownCodecs.Opus()] : [KnownCodecs.Vp8(), KnownCodecs.Rtx(97, 96)]);
            if (ssrc != 0)
            {
                media.Msids.Add(new Msid("peer-A", kind));
                media.SsrcAttributes.Add(new SsrcAttribute(ssrc, "cname", "sfu"));
                media.SsrcAttributes.Add(new SsrcAttribute(ssrc, "msid", $"peer-A {kind}"));
                if (kind == "video")
                {
                    media.SsrcGroups.Add(new SsrcGroup(SsrcGroup.FlowIdentification, [ssrc, ssrc + 1]));
                }
            }
            offer.Media.Add(media);
        }
        offer.Media[0].Candidates.Add(new IceCandidate { Foundation = "1", Component = 1, Transport = "udp", Priority = 1, Address = "127.0.0.1", Port = 40000, Type = "host" });
        offer.Groups.Add(new SdpGroup(SdpGroup.Bundle, ["0", "1", "2"]));
        return offer;
    }
}
