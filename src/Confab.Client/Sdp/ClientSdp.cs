using Confab.Rtc.Sdp;

namespace Confab.Client.Sdp;

/// <summary>
/// The descriptions the client writes: the publish offer (JSEP, RFC 8829 §5.2) and the answer to the SFU's
/// subscribe offer (§5.3), both as <see cref="SessionDescription"/> models for <see cref="SdpWriter"/>.
/// </summary>
public static class ClientSdp
{
    public const int OpusPayloadType = 111;
    public const int Vp8PayloadType = 96;
    public const int Vp8RtxPayloadType = 97;
    public const string AudioMid = "0";
    public const string VideoMid = "1";
    public const string ScreenMid = "2";

    private const int DiscardPort = 9;

    /// <summary>
    /// The publish offer: BUNDLE over a send-only audio section (Opus 111) and a send-only video section
    /// (VP8 96, RTX 97 apt=96), each with sdes:mid, our ICE credentials and fingerprint, setup:actpass,
    /// rtcp-mux and rtcp-rsize, a=msid and a=ssrc lines (cname, msid) and for video ssrc-group FID.
    /// </summary>
    public static SessionDescription BuildPublishOffer(PublishOfferOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Audio && !options.Video)
        {
            throw new ArgumentException("A publish offer needs audio, video or both.", nameof(options));
        }
        var offer = new SessionDescription
        {
            Origin = SdpOrigin.ForWebRtc(options.SessionId, options.SessionVersion),
            MsidSemantic = new SdpMsidSemantic("WMS", [options.StreamId]),
        };
        SdpFingerprint fingerprint = ParseFingerprint(options.Fingerprint);
        if (options.Audio)
        {
            MediaDescription audio = NewSection("audio", AudioMid, MediaDirection.SendOnly, options.IceUfrag, options.IcePwd, fingerprint, SdpSetupRole.ActPass);
            audio.Extensions.Add(new ExtMap(options.MidExtensionId, RtpHeaderExtensionUris.Mid));
            audio.SetCodecs([KnownCodecs.Opus(OpusPayloadType)]);
            AddSource(audio, options.AudioSsrc, options.Cname, options.StreamId, options.AudioTrackId);
            offer.Media.Add(audio);
        }
        if (options.Video)
        {
            MediaDescription video = NewSection("video", VideoMid, MediaDirection.SendOnly, options.IceUfrag, options.IcePwd, fingerprint, SdpSetupRole.ActPass);
            video.Extensions.Add(new ExtMap(options.MidExtensionId, RtpHeaderExtensionUris.Mid));
            video.SetCodecs([KnownCodecs.Vp8(Vp8PayloadType), KnownCodecs.Rtx(Vp8RtxPayloadType, Vp8PayloadType)]);
            video.SsrcGroups.Add(new SsrcGroup(SsrcGroup.FlowIdentification, [options.VideoSsrc, options.VideoRtxSsrc]));
            AddSource(video, options.VideoSsrc, options.Cname, options.StreamId, options.VideoTrackId);
            AddSsrcLines(video, options.VideoRtxSsrc, options.Cname, options.StreamId, options.VideoTrackId);
            offer.Media.Add(video);
        }
        if (options.ScreenStopped)
        {
            // JSEP §5.2.2: a stopped transceiver's section is kept, rejected (port 0), and left out of BUNDLE.
            var stopped = new MediaDescription
            {
                Media = "video", Port = 0, Protocol = MediaDescription.WebRtcProtocol, Mid = ScreenMid,
                Direction = MediaDirection.Inactive, Connection = SdpConnection.Ip4Any,
            };
            stopped.SetCodecs([KnownCodecs.Vp8(Vp8PayloadType), KnownCodecs.Rtx(Vp8RtxPayloadType, Vp8PayloadType)]);
            offer.Media.Add(stopped);
        }
        else if (options.Screen)
        {
            MediaDirection direction = options.ScreenInactive ? MediaDirection.Inactive : MediaDirection.SendOnly;
            MediaDescription screen = NewSection("video", ScreenMid, direction, options.IceUfrag, options.IcePwd, fingerprint, SdpSetupRole.ActPass);
            screen.Extensions.Add(new ExtMap(options.MidExtensionId, RtpHeaderExtensionUris.Mid));
            screen.SetCodecs([KnownCodecs.Vp8(Vp8PayloadType), KnownCodecs.Rtx(Vp8RtxPayloadType, Vp8PayloadType)]);
            screen.SsrcGroups.Add(new SsrcGroup(SsrcGroup.FlowIdentification, [options.ScreenSsrc, options.ScreenRtxSsrc]));
            AddSource(screen, options.ScreenSsrc, options.Cname, options.StreamId, options.ScreenTrackId);
            AddSsrcLines(screen, options.ScreenRtxSsrc, options.Cname, options.StreamId, options.ScreenTrackId);
            offer.Media.Add(screen);
        }
        offer.Groups.Add(new SdpGroup(SdpGroup.Bundle, offer.Media.Where(m => !m.IsRejected).Select(m => m.Mid!)));
        return offer;
    }

    /// <summary>
    /// Our answer to a subscribe offer: every offered section accepted receive-only (or inactive where the
    /// offer is inactive, rejected where it is rejected) with the offered codecs and header extensions, under
    /// the offer's BUNDLE group, with our ICE credentials and fingerprint and setup:active (we are the DTLS client).
    /// </summary>
    public static SessionDescription BuildSubscribeAnswer(SessionDescription offer, string iceUfrag, string icePwd, string fingerprint, ulong sessionId = 1, ulong sessionVersion = 1)
    {
        ArgumentNullException.ThrowIfNull(offer);
        SdpFingerprint ours = ParseFingerprint(fingerprint);
        var answer = new SessionDescription
        {
            Origin = SdpOrigin.ForWebRtc(sessionId, sessionVersion),
            ExtMapAllowMixed = offer.ExtMapAllowMixed,
            MsidSemantic = new SdpMsidSemantic("WMS", []),
        };
        foreach (MediaDescription offered in offer.Media)
        {
            if (offered.IsRejected || offered.Kind is not (MediaKind.Audio or MediaKind.Video))
            {
                var rejected = new MediaDescription
                {
                    Media = offered.Media, Port = 0, Protocol = offered.Protocol, Mid = offered.Mid,
                    Direction = MediaDirection.Inactive, Connection = SdpConnection.Ip4Any,
                };
                rejected.Formats.AddRange(offered.Formats);
                answer.Media.Add(rejected);
                continue;
            }
            MediaDirection direction = offered.Direction.Sends() ? MediaDirection.RecvOnly : MediaDirection.Inactive;
            MediaDescription section = NewSection(offered.Media, offered.Mid, direction, iceUfrag, icePwd, ours, SdpSetupRole.Active);
            section.Protocol = offered.Protocol;
            section.RtcpReducedSize = offered.RtcpReducedSize;
            section.Extensions.AddRange(offered.Extensions.Select(e => new ExtMap(e.Id, e.Uri)));
            section.SetCodecs(offered.Codecs.Select(c => c.Clone()));
            answer.Media.Add(section);
        }
        if (offer.BundleGroup is { } bundle)
        {
            answer.Groups.Add(new SdpGroup(SdpGroup.Bundle, bundle.Mids.Where(mid => answer.FindMedia(mid) is { IsRejected: false })));
        }
        return answer;
    }

    /// <summary>The header-extension id the description gives sdes:mid in its first section that has one; 0 when none.</summary>
    public static byte FindMidExtensionId(SessionDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        foreach (MediaDescription media in description.Media)
        {
            if (!media.IsRejected && media.FindExtension(RtpHeaderExtensionUris.Mid) is { FitsOneByteHeader: true } ext)
            {
                return (byte)ext.Id;
            }
        }
        return 0;
    }

    private static MediaDescription NewSection(
        string media, string? mid, MediaDirection direction, string ufrag, string pwd, SdpFingerprint fingerprint, SdpSetupRole setup) => new()
    {
        Media = media,
        Port = DiscardPort,
        Protocol = MediaDescription.WebRtcProtocol,
        Connection = SdpConnection.Ip4Any,
        Mid = mid,
        Direction = direction,
        IceUfrag = ufrag,
        IcePwd = pwd,
        Fingerprint = fingerprint,
        Setup = setup,
        RtcpMux = true,
        RtcpReducedSize = true,
    };

    private static void AddSource(MediaDescription media, uint ssrc, string cname, string streamId, string trackId)
    {
        media.Msids.Add(new Msid(streamId, trackId));
        AddSsrcLines(media, ssrc, cname, streamId, trackId);
    }

    // RFC 5576 §6.1 cname, and the msid of the source (RFC 8830 §2 in the a=ssrc form browsers still write).
    private static void AddSsrcLines(MediaDescription media, uint ssrc, string cname, string streamId, string trackId)
    {
        media.SsrcAttributes.Add(new SsrcAttribute(ssrc, "cname", cname));
        media.SsrcAttributes.Add(new SsrcAttribute(ssrc, "msid", $"{streamId} {trackId}"));
    }

    private static SdpFingerprint ParseFingerprint(string fingerprint) =>
        SdpFingerprint.TryParse(fingerprint, out SdpFingerprint? parsed, out string? error)
            ? parsed!
            : throw new ArgumentException($"Bad fingerprint: {error}", nameof(fingerprint));
}
