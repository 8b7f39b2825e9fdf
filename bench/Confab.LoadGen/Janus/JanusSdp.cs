using System.Globalization;
using System.Net;
using Confab.LoadGen.Media;
using Confab.Rtc.Dtls;
using Confab.Rtc.Ice;
using Confab.Rtc.Sdp;

namespace Confab.LoadGen.Janus;

/// <summary>The transport parameters read from a remote description: ICE credentials, candidates, DTLS fingerprint and role.</summary>
public sealed record RemoteTransport(IceCredentials Credentials, IReadOnlyList<IPEndPoint> Candidates, string Fingerprint, SdpSetupRole Setup)
{
    /// <summary>RFC 5763 §5: the answerer's a=setup decides; "active" there makes it the DTLS client and us the server.</summary>
    public DtlsRole OurRoleWhenTheyAnswered => Setup == SdpSetupRole.Passive ? DtlsRole.Client : DtlsRole.Server;
}

/// <summary>
/// SDP for a synthetic participant, written and read with Confab.Rtc's SDP classes: the publish offer
/// (Opus + VP8, send-only, BUNDLE, rtcp-mux, all candidates inline — no trickle), the answer to a
/// subscriber offer (every m-line received, first offered codec kept), and the remote transport parameters.
/// </summary>
public static class JanusSdp
{
    public const int OpusPayloadType = 111;
    public const int Vp8PayloadType = 96;
    private const string StreamId = "load";

    /// <summary>The publish offer: audio (mid 0) and, unless <paramref name="includeVideo"/> is false, video (mid 1).</summary>
    public static string BuildPublishOffer(MediaPeer peer, uint audioSsrc, uint videoSsrc, ulong sessionId, bool includeVideo = true)
    {
        ArgumentNullException.ThrowIfNull(peer);
        var sdp = new SessionDescription { Origin = SdpOrigin.ForWebRtc(sessionId, 1) };
        sdp.Groups.Add(new SdpGroup(SdpGroup.Bundle, includeVideo ? ["0", "1"] : ["0"]));
        sdp.MsidSemantic = new SdpMsidSemantic("WMS", [StreamId]);

        var opus = new Codec(OpusPayloadType, "opus", 48000, 2);
        opus.Parameters["minptime"] = "10";
        opus.Parameters["useinbandfec"] = "1";
        sdp.Media.Add(Media(peer, "audio", "0", MediaDirection.SendOnly, SdpSetupRole.ActPass, opus, audioSsrc));

        if (!includeVideo)
        {
            return SdpWriter.Write(sdp);
        }

        var vp8 = new Codec(Vp8PayloadType, "VP8", 90000);
        vp8.Feedback.AddRange(["nack", "nack pli", "ccm fir"]);
        sdp.Media.Add(Media(peer, "video", "1", MediaDirection.SendOnly, SdpSetupRole.ActPass, vp8, videoSsrc));
        return SdpWriter.Write(sdp);
    }

    /// <summary>Answers a subscriber offer: each offered m-line received with its first codec; a rejected line stays rejected.</summary>
    public static string BuildSubscribeAnswer(SessionDescription offer, MediaPeer peer, ulong sessionId)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(peer);
        var answer = new SessionDescription { Origin = SdpOrigin.ForWebRtc(sessionId, 1) };
        if (offer.BundleGroup is SdpGroup bundle)
        {
            answer.Groups.Add(new SdpGroup(SdpGroup.Bundle, bundle.Mids));
        }

        foreach (MediaDescription offered in offer.Media)
        {
            Codec? codec = offered.Codecs.FirstOrDefault();
            bool accept = !offered.IsRejected && offered.IsRtp && codec is not null && offered.Direction.Sends();
            MediaDescription line = Media(peer, offered.Media, offered.Mid ?? "", accept ? MediaDirection.RecvOnly : MediaDirection.Inactive,
                SdpSetupRole.Active, codec?.Clone(), ssrc: null);
            if (codec is null)
            {
                line.Formats.AddRange(offered.Formats);
            }

            if (offered.IsRejected)
            {
                line.Port = 0;
            }

            answer.Media.Add(line);
        }

        return SdpWriter.Write(answer);
    }

    /// <summary>Reads the transport of the first usable m-line (BUNDLE: one transport for all).</summary>
    public static bool TryReadRemoteTransport(SessionDescription sdp, out RemoteTransport? transport, out string? error)
    {
        ArgumentNullException.ThrowIfNull(sdp);
        transport = null;
        MediaDescription? media = sdp.Media.FirstOrDefault(m => !m.IsRejected);
        if (media is null)
        {
            error = "no m-line is open";
            return false;
        }

        if (!IceCredentials.TryCreate(sdp.IceUfragFor(media), sdp.IcePwdFor(media), out IceCredentials? credentials))
        {
            error = "missing or invalid ICE credentials";
            return false;
        }

        if (sdp.FingerprintFor(media) is not SdpFingerprint fingerprint)
        {
            error = "no a=fingerprint";
            return false;
        }

        var candidates = new List<IPEndPoint>();
        foreach (IceCandidate candidate in media.Candidates)
        {
            if (candidate.Component == 1 && candidate.Transport.Equals("udp", StringComparison.OrdinalIgnoreCase)
                && IPAddress.TryParse(candidate.Address, out IPAddress? address)
                && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            {
                candidates.Add(new IPEndPoint(address, candidate.Port));
            }
        }

        if (candidates.Count == 0)
        {
            error = "no IPv4 UDP candidate";
            return false;
        }

        transport = new RemoteTransport(credentials!, candidates, fingerprint.ToString(), sdp.SetupFor(media) ?? SdpSetupRole.ActPass);
        error = null;
        return true;
    }

    private static MediaDescription Media(MediaPeer peer, string kind, string mid, MediaDirection direction, SdpSetupRole setup, Codec? codec, uint? ssrc)
    {
        var media = new MediaDescription
        {
            Media = kind,
            Port = peer.LocalEndPoint.Port,
            Mid = mid,
            Direction = direction,
            RtcpMux = true,
            RtcpReducedSize = kind == "video",
            IceUfrag = peer.LocalCredentials.Ufrag,
            IcePwd = peer.LocalCredentials.Password,
            Setup = setup,
            Connection = new SdpConnection("IN", "IP4", peer.LocalEndPoint.Address.ToString()),
        };
        if (!SdpFingerprint.TryParse(peer.LocalFingerprint, out SdpFingerprint? fingerprint, out string? error))
        {
            throw new InvalidOperationException("our own fingerprint does not parse: " + error);
        }

        media.Fingerprint = fingerprint;
        if (codec is not null)
        {
            media.SetCodecs([codec]);
        }
        media.Candidates.Add(new IceCandidate
        {
            Foundation = "1",
            Component = 1,
            Transport = "udp",
            Priority = MediaPeer.HostPriority,
            Address = peer.LocalEndPoint.Address.ToString(),
            Port = peer.LocalEndPoint.Port,
            Type = "host",
        });
        media.EndOfCandidates = true;
        if (ssrc is uint source)
        {
            media.Msids.Add(new Msid(StreamId, kind + "0"));
            media.SsrcAttributes.Add(new SsrcAttribute(source, "cname", StreamId + source.ToString(CultureInfo.InvariantCulture)));
        }

        return media;
    }
}
