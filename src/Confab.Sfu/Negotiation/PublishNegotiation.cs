using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using Confab.Rtc.Sdp;
using Confab.Sfu.Routing;

namespace Confab.Sfu.Negotiation;

/// <summary>
/// Answers a publisher's offer (JSEP, RFC 8829 §5.3): every send section is accepted with ONE codec — the
/// first one the SFU supports in the offerer's order, with its RTX — so the publisher sends exactly what
/// every subscriber will be offered. Pure: no transport or router is touched here.
/// </summary>
public static class PublishNegotiation
{
    private const uint CandidatePriority = 2_130_706_431; // RFC 8445 §5.1.2.1: type preference 126, local 65535, component 1

    /// <param name="allowNoTracks">
    /// True for a renegotiation that may stop every track (all sections inactive, recvonly or rejected but one
    /// still bundled): the answer is given with no tracks. False: an offer that sends nothing is refused.
    /// </param>
    public static bool TryAnswer(
        SessionDescription offer,
        LocalTransportParameters local,
        [NotNullWhen(true)] out SessionDescription? answer,
        [NotNullWhen(true)] out IReadOnlyList<PublishedTrack>? tracks,
        [NotNullWhen(false)] out string? error,
        bool allowNoTracks = false)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(local);
        tracks = null;
        var options = new AnswerOptions
        {
            IceUfrag = local.IceUfrag,
            IcePwd = local.IcePwd,
            Fingerprint = local.Fingerprint,
            Candidates = HostCandidates(local.Candidates),
            Capabilities = SfuMediaCapabilities.Create(),
            SendByDefault = false,
        };
        if (!AnswerBuilder.TryBuild(offer, options, out answer, out error))
        {
            return false;
        }
        var accepted = new List<PublishedTrack>();
        foreach (MediaDescription section in answer.Media)
        {
            if (section.IsRejected || !section.IsRtp || section.Mid is null)
            {
                continue;
            }
            MediaDescription? offered = offer.FindMedia(section.Mid);
            if (offered is null || !offered.Direction.Sends())
            {
                continue;
            }
            KeepOneCodec(section);
            Codec codec = section.Codecs[0];
            Codec? rtx = section.Codecs.Skip(1).FirstOrDefault(c => c.IsRtx());
            (uint? ssrc, uint? rtxSsrc) = OfferedSsrcs(offered);
            accepted.Add(new PublishedTrack(
                section.Mid,
                section.Kind == Rtc.Sdp.MediaKind.Audio ? Routing.MediaKind.Audio : Routing.MediaKind.Video,
                codec, rtx, ssrc, rtxSsrc, offered.Msids.FirstOrDefault()?.TrackId, SendRids(offered)));
        }
        if (accepted.Count == 0 && !allowNoTracks)
        {
            answer = null;
            error = "the offer sends no audio or video the SFU can receive";
            return false;
        }
        tracks = accepted;
        return true;
    }

    /// <summary>The header-extension id the offer gave sdes:mid, or 0.</summary>
    public static byte MidExtensionId(SessionDescription offer) => ExtensionId(offer, RtpHeaderExtensionUris.Mid);

    /// <summary>The header-extension id the offer gave sdes:rtp-stream-id (the simulcast rid), or 0.</summary>
    public static byte RidExtensionId(SessionDescription offer) => ExtensionId(offer, RtpHeaderExtensionUris.RtpStreamId);

    private static byte ExtensionId(SessionDescription offer, string uri)
    {
        ArgumentNullException.ThrowIfNull(offer);
        foreach (MediaDescription media in offer.Media)
        {
            if (media.FindExtension(uri) is { } ext && ext.Id is > 0 and <= 255)
            {
                return (byte)ext.Id;
            }
        }
        return 0;
    }

    // RFC 8853 §5.1: the send streams of a=simulcast, first alternative of each, paused ones ("~") left out.
    private static List<string> SendRids(MediaDescription offered) =>
        offered.Simulcast is null ? [] : [.. offered.Simulcast.Send.Where(a => a.Count > 0 && !a[0].Paused).Select(a => a[0].Rid)];

    internal static List<IceCandidate> HostCandidates(IReadOnlyList<IPEndPoint> endpoints)
    {
        var candidates = new List<IceCandidate>();
        for (int i = 0; i < endpoints.Count; i++)
        {
            candidates.Add(new IceCandidate
            {
                Foundation = (i + 1).ToString(CultureInfo.InvariantCulture),
                Component = 1,
                Transport = "udp",
                Priority = CandidatePriority - (uint)i,
                Address = endpoints[i].Address.ToString(),
                Port = endpoints[i].Port,
                Type = "host",
            });
        }
        return candidates;
    }

    private static void KeepOneCodec(MediaDescription section)
    {
        Codec primary = section.Codecs.First(c => !c.IsRtx());
        Codec? rtx = section.Codecs.FirstOrDefault(c => c.IsRtx()
            && c.GetParameter("apt") == primary.PayloadType.ToString(CultureInfo.InvariantCulture));
        section.SetCodecs(rtx is null ? [primary] : [primary, rtx]);
    }

    // RFC 5576: the media SSRC is the first of an FID group (its RTX the second), else the first listed.
    private static (uint? Ssrc, uint? RtxSsrc) OfferedSsrcs(MediaDescription offered)
    {
        if (offered.Rids.Count > 0)
        {
            return (null, null); // simulcast: layers are bound by mid/rid as they arrive
        }
        if (offered.SsrcGroups.FirstOrDefault(g => g.Semantics == SsrcGroup.FlowIdentification && g.Ssrcs.Count == 2) is { } fid)
        {
            return (fid.Ssrcs[0], fid.Ssrcs[1]);
        }
        return offered.SsrcAttributes.Count > 0 ? (offered.SsrcAttributes[0].Ssrc, null) : (null, null);
    }
}
