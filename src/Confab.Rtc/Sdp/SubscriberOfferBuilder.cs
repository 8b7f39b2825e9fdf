namespace Confab.Rtc.Sdp;

/// <summary>
/// One track the SFU forwards to a subscriber: an m= section with this mid. A track that is not
/// <see cref="Active"/> keeps its section (mids are never reused, JSEP §5.2.2) as a=inactive.
/// </summary>
public sealed record OutgoingTrack(
    string Mid, MediaKind Kind, string StreamId, string TrackId, uint Ssrc, uint? RtxSsrc, string Cname, bool Active = true);

/// <summary>What the SFU puts into every subscriber offer besides the tracks.</summary>
public sealed class SubscriberOfferOptions
{
    public required string IceUfrag { get; init; }

    public required string IcePwd { get; init; }

    public required SdpFingerprint Fingerprint { get; init; }

    /// <summary>Our ICE-lite host candidates; written in the first section with a=end-of-candidates.</summary>
    public IReadOnlyList<IceCandidate> Candidates { get; init; } = [];

    public ulong SessionId { get; init; } = 1;

    /// <summary>Incremented by the caller for every renegotiation of the same session.</summary>
    public ulong SessionVersion { get; init; } = 1;

    public IReadOnlyList<Codec> AudioCodecs { get; init; } = [KnownCodecs.Opus()];

    /// <summary>Video codecs with their rtx; the payload types the SFU rewrites forwarded packets to.</summary>
    public IReadOnlyList<Codec> VideoCodecs { get; init; } =
        [KnownCodecs.Vp8(), KnownCodecs.Rtx(97, 96), KnownCodecs.H264(), KnownCodecs.Rtx(103, 102)];

    /// <summary>Audio level 1, transport-wide sequence number 3, mid 4 (Chromium's own numbers).</summary>
    public static IReadOnlyList<ExtMap> DefaultAudioExtensions { get; } =
    [
        new(1, RtpHeaderExtensionUris.AudioLevel), new(3, RtpHeaderExtensionUris.TransportWideCc),
        new(4, RtpHeaderExtensionUris.Mid),
    ];

    /// <summary>Absolute send time 2, transport-wide sequence number 3, mid 4.</summary>
    public static IReadOnlyList<ExtMap> DefaultVideoExtensions { get; } =
    [
        new(2, RtpHeaderExtensionUris.AbsSendTime), new(3, RtpHeaderExtensionUris.TransportWideCc),
        new(4, RtpHeaderExtensionUris.Mid),
    ];

    /// <summary>Header extensions of audio sections, with the ids the SFU writes.</summary>
    public IReadOnlyList<ExtMap> AudioExtensions { get; init; } = DefaultAudioExtensions;

    /// <summary>Header extensions of video sections, with the ids the SFU writes.</summary>
    public IReadOnlyList<ExtMap> VideoExtensions { get; init; } = DefaultVideoExtensions;
}

/// <summary>
/// Builds the offer the SFU sends a subscriber (JSEP §5.2): one sendonly m= section per forwarded
/// track, ICE-lite, a=setup:actpass (RFC 8842 §5.2; an ICE-lite SFU is then given the DTLS server
/// role by the browser's a=setup:active), RTCP multiplexed and one BUNDLE group of all mids.
/// Each section names its stream and track (a=msid, RFC 8830) and its SSRCs (a=ssrc cname, with
/// a=ssrc-group:FID for rtx, RFC 5576 and RFC 4588).
/// </summary>
public static class SubscriberOfferBuilder
{
    private const int DiscardPort = 9;

    public static SessionDescription Build(SubscriberOfferOptions options, IReadOnlyList<OutgoingTrack> tracks)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tracks);
        if (tracks.Count == 0)
        {
            throw new ArgumentException("an offer needs at least one track", nameof(tracks));
        }
        var offer = new SessionDescription
        {
            Origin = SdpOrigin.ForWebRtc(options.SessionId, options.SessionVersion),
            ExtMapAllowMixed = true,
            MsidSemantic = new SdpMsidSemantic("WMS", ["*"]),
            IceLite = true,
        };
        foreach (OutgoingTrack track in tracks)
        {
            offer.Media.Add(Section(track, options));
        }
        offer.Groups.Add(new SdpGroup(SdpGroup.Bundle, tracks.Select(t => t.Mid)));
        offer.Media[0].Candidates.AddRange(options.Candidates);
        offer.Media[0].EndOfCandidates = true;
        return offer;
    }

    private static MediaDescription Section(OutgoingTrack track, SubscriberOfferOptions options)
    {
        if (track.Kind is not (MediaKind.Audio or MediaKind.Video))
        {
            throw new ArgumentException($"track {track.Mid} is neither audio nor video", nameof(track));
        }
        bool audio = track.Kind == MediaKind.Audio;
        IceCandidate? first = options.Candidates.Count > 0 ? options.Candidates[0] : null;
        var section = new MediaDescription
        {
            Media = audio ? "audio" : "video",
            Port = first?.Port ?? DiscardPort,
            Connection = first is null ? SdpConnection.Ip4Any
                : new SdpConnection("IN", first.Address.Contains(':', StringComparison.Ordinal) ? "IP6" : "IP4", first.Address),
            Mid = track.Mid,
            Direction = track.Active ? MediaDirection.SendOnly : MediaDirection.Inactive,
            IceUfrag = options.IceUfrag,
            IcePwd = options.IcePwd,
            Fingerprint = options.Fingerprint,
            Setup = SdpSetupRole.ActPass,
            RtcpMux = true,
            RtcpReducedSize = true,
        };
        section.SetCodecs((audio ? options.AudioCodecs : options.VideoCodecs).Select(c => c.Clone()));
        section.Extensions.AddRange((audio ? options.AudioExtensions : options.VideoExtensions).Select(e => e.Clone()));
        if (!track.Active)
        {
            return section;
        }
        section.Msids.Add(new Msid(track.StreamId, track.TrackId));
        if (track.RtxSsrc is uint rtxSsrc)
        {
            section.SsrcGroups.Add(new SsrcGroup(SsrcGroup.FlowIdentification, [track.Ssrc, rtxSsrc]));
        }
        section.SsrcAttributes.Add(new SsrcAttribute(track.Ssrc, "cname", track.Cname));
        if (track.RtxSsrc is uint repairSsrc)
        {
            section.SsrcAttributes.Add(new SsrcAttribute(repairSsrc, "cname", track.Cname));
        }
        return section;
    }
}
