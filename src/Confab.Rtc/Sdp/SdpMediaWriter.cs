using System.Text;

namespace Confab.Rtc.Sdp;

/// <summary>
/// Writes one m= section in canonical order: m, i, c, b, k, a=mid, direction, ICE, fingerprint,
/// setup, rtcp-mux, rtcp-rsize, extmap, per codec rtpmap/fmtp/rtcp-fb, rid, simulcast, msid,
/// ssrc-group, ssrc, candidates, end-of-candidates, sctp-port, max-message-size, then the others.
/// </summary>
internal static class SdpMediaWriter
{
    public static void Write(StringBuilder b, MediaDescription media)
    {
        SdpWriter.Line(b, 'm', SdpMediaLine.Format(media));
        SdpWriter.OtherLines(b, media.OtherLines, "i");
        if (media.Connection is not null)
        {
            SdpWriter.Line(b, 'c', media.Connection.ToString());
        }
        SdpWriter.OtherLines(b, media.OtherLines, "bk");
        if (media.Mid is not null)
        {
            SdpWriter.Attribute(b, "mid", media.Mid);
        }
        // A data channel section has no direction (RFC 8841); sendrecv is its implied meaning.
        if (media.Kind != MediaKind.Application)
        {
            SdpWriter.Attribute(b, media.Direction.ToSdp());
        }
        SdpWriter.IceAndDtls(b, media.IceUfrag, media.IcePwd, media.IceOptions, media.Fingerprint, media.Setup);
        if (media.RtcpMux)
        {
            SdpWriter.Attribute(b, "rtcp-mux");
        }
        if (media.RtcpReducedSize)
        {
            SdpWriter.Attribute(b, "rtcp-rsize");
        }
        foreach (ExtMap extMap in media.Extensions)
        {
            SdpWriter.Attribute(b, "extmap", extMap.ToString());
        }
        WriteCodecs(b, media);
        WriteStreams(b, media);
        foreach (IceCandidate candidate in media.Candidates)
        {
            SdpWriter.Attribute(b, "candidate", candidate.ToString());
        }
        if (media.EndOfCandidates)
        {
            SdpWriter.Attribute(b, "end-of-candidates");
        }
        if (media.SctpPort is int sctpPort)
        {
            SdpWriter.Attribute(b, "sctp-port", SdpTokens.Invariant(sctpPort));
        }
        if (media.MaxMessageSize is long maxMessageSize)
        {
            SdpWriter.Attribute(b, "max-message-size", SdpTokens.Invariant(maxMessageSize));
        }
        foreach (SdpAttribute attribute in media.OtherAttributes)
        {
            SdpWriter.Attribute(b, attribute.Name, attribute.Value);
        }
    }

    private static void WriteCodecs(StringBuilder b, MediaDescription media)
    {
        foreach (string feedback in media.WildcardFeedback)
        {
            SdpWriter.Attribute(b, "rtcp-fb", "* " + feedback);
        }
        foreach (Codec codec in media.Codecs)
        {
            string payloadType = SdpTokens.Invariant(codec.PayloadType);
            if (codec.HasRtpMap)
            {
                SdpWriter.Attribute(b, "rtpmap", codec.FormatRtpMap());
            }
            if (codec.FormatParameters() is string parameters)
            {
                SdpWriter.Attribute(b, "fmtp", $"{payloadType} {parameters}");
            }
            foreach (string feedback in codec.Feedback)
            {
                SdpWriter.Attribute(b, "rtcp-fb", $"{payloadType} {feedback}");
            }
        }
    }

    private static void WriteStreams(StringBuilder b, MediaDescription media)
    {
        foreach (Rid rid in media.Rids)
        {
            SdpWriter.Attribute(b, "rid", rid.ToString());
        }
        if (media.Simulcast is { } simulcast && (simulcast.Send.Count > 0 || simulcast.Recv.Count > 0))
        {
            SdpWriter.Attribute(b, "simulcast", simulcast.ToString());
        }
        foreach (Msid msid in media.Msids)
        {
            SdpWriter.Attribute(b, "msid", msid.ToString());
        }
        foreach (SsrcGroup group in media.SsrcGroups)
        {
            SdpWriter.Attribute(b, "ssrc-group", group.ToString());
        }
        foreach (SsrcAttribute ssrc in media.SsrcAttributes)
        {
            SdpWriter.Attribute(b, "ssrc", ssrc.ToString());
        }
    }
}
