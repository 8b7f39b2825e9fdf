using System.Diagnostics.CodeAnalysis;

namespace Confab.Rtc.Sdp;

/// <summary>
/// Builds the SFU's JSEP answer (RFC 8829 §5.3) to a browser's offer. The SFU is an ICE-lite agent
/// (RFC 8839 §2.5) and always the DTLS server (a=setup:passive, RFC 8842 §5.3), with every accepted
/// section on one BUNDLE transport (RFC 8843) and RTCP multiplexed (RFC 8035).
/// <list type="bullet">
/// <item>Sections come back with the same mids in the same order. A section is rejected (port 0,
/// RFC 3264 §6) when it was rejected in the offer, has no mid, is outside the offered BUNDLE group,
/// has an unknown protocol, shares no codec with the SFU, or is a data channel and
/// <see cref="AnswerOptions.AcceptDataChannel"/> is off.</item>
/// <item>Codecs and header extensions keep the offerer's numbers (<see cref="CodecMatcher"/>).</item>
/// <item>Directions are reversed: the SFU receives what the offerer sends and sends only where
/// <see cref="AnswerOptions"/> says so.</item>
/// <item>A simulcast offer (a=simulcast:send q;h;f with a=rid:x send) is answered with
/// a=simulcast:recv and a=rid:x recv for the same rids (RFC 8853 §5.3).</item>
/// </list>
/// </summary>
public static class AnswerBuilder
{
    private const int DiscardPort = 9;

    public static bool TryBuild(
        SessionDescription offer, AnswerOptions options,
        [NotNullWhen(true)] out SessionDescription? answer, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(options);
        answer = null;
        if (offer.Media.Count == 0)
        {
            error = "offer has no m= section";
            return false;
        }
        SdpGroup? offeredBundle = offer.BundleGroup;
        var result = new SessionDescription
        {
            Origin = SdpOrigin.ForWebRtc(options.SessionId, options.SessionVersion),
            ExtMapAllowMixed = offer.ExtMapAllowMixed,
            MsidSemantic = new SdpMsidSemantic("WMS", ["*"]),
            IceLite = true,
        };
        var bundled = new List<string>();
        foreach (MediaDescription offered in offer.Media)
        {
            string? reason = CheckOffered(offer, offered, offeredBundle, options);
            MediaDescription section = reason is null ? Accept(offered, options) : Reject(offered);
            if (section.Port != 0)
            {
                bundled.Add(section.Mid!);
            }
            result.Media.Add(section);
        }
        if (bundled.Count == 0)
        {
            error = "no offered section can be accepted";
            return false;
        }
        // The BUNDLE tag is the first accepted mid in the offer's group order (RFC 8843 §7.3.1).
        if (offeredBundle is not null)
        {
            bundled = [.. offeredBundle.Mids.Where(bundled.Contains).Distinct(StringComparer.Ordinal)];
        }
        result.Groups.Add(new SdpGroup(SdpGroup.Bundle, bundled));
        MediaDescription tagged = result.FindMedia(bundled[0])!;
        tagged.Candidates.AddRange(options.Candidates);
        tagged.EndOfCandidates = true;
        answer = result;
        error = null;
        return true;
    }

    /// <summary>Why an offered section must be rejected, or null when it can be accepted.</summary>
    private static string? CheckOffered(SessionDescription offer, MediaDescription offered, SdpGroup? bundle, AnswerOptions options)
    {
        if (offered.IsRejected && !offered.OtherAttributes.Any(a => a.Name == "bundle-only"))
        {
            return "rejected in the offer";
        }
        if (offered.Mid is null || (bundle is not null && !bundle.Mids.Contains(offered.Mid)))
        {
            return "not bundled";
        }
        if (offer.IceUfragFor(offered) is null || offer.IcePwdFor(offered) is null || offer.FingerprintFor(offered) is null)
        {
            return "no ICE credentials or DTLS fingerprint";
        }
        if (offered.IsDataChannel)
        {
            return options.AcceptDataChannel && offered.Protocol == MediaDescription.DataChannelProtocol ? null : "data channel";
        }
        if (offered.Kind is not (MediaKind.Audio or MediaKind.Video) || offered.Protocol != MediaDescription.WebRtcProtocol)
        {
            return "unsupported media or protocol";
        }
        return CodecMatcher.Match(offered, options.Capabilities).HasCommonCodec ? null : "no common codec";
    }

    /// <summary>RFC 3264 §6: a rejected section keeps media, protocol and formats, with port 0.</summary>
    private static MediaDescription Reject(MediaDescription offered)
    {
        var rejected = new MediaDescription
        {
            Media = offered.Media, Port = 0, Protocol = offered.Protocol, Mid = offered.Mid,
            Direction = MediaDirection.Inactive, Connection = SdpConnection.Ip4Any,
        };
        rejected.Formats.AddRange(offered.Formats);
        return rejected;
    }

    private static MediaDescription Accept(MediaDescription offered, AnswerOptions options)
    {
        IceCandidate? first = options.Candidates.Count > 0 ? options.Candidates[0] : null;
        var section = new MediaDescription
        {
            Media = offered.Media,
            Port = first?.Port ?? DiscardPort,
            Protocol = offered.Protocol,
            Connection = first is null ? SdpConnection.Ip4Any
                : new SdpConnection("IN", first.Address.Contains(':', StringComparison.Ordinal) ? "IP6" : "IP4", first.Address),
            Mid = offered.Mid,
            IceUfrag = options.IceUfrag,
            IcePwd = options.IcePwd,
            Fingerprint = options.Fingerprint,
            Setup = SdpSetupRole.Passive,
        };
        if (offered.IsDataChannel)
        {
            section.Formats.Add(MediaDescription.DataChannelFormat);
            section.SctpPort = options.SctpPort;
            section.MaxMessageSize = options.MaxMessageSize;
            return section;
        }
        bool sends = offered.Direction.Receives() && options.Sends(offered.Mid!);
        section.Direction = SdpEnums.FromFlags(sends, receives: offered.Direction.Sends());
        section.RtcpMux = true;
        section.RtcpReducedSize = offered.RtcpReducedSize;
        CodecMatch match = CodecMatcher.Match(offered, options.Capabilities);
        section.SetCodecs(match.Codecs);
        section.Extensions.AddRange(match.Extensions);
        if (offered.Direction.Sends())
        {
            AnswerSimulcast(offered, section);
        }
        return section;
    }

    /// <summary>
    /// RFC 8853 §5.3 / RFC 8851 §7: the answer to "a=simulcast:send q;h;f" is "a=simulcast:recv q;h;f"
    /// with an "a=rid:&lt;id&gt; recv" line per rid. A rid whose pt= list names no accepted codec is dropped.
    /// </summary>
    private static void AnswerSimulcast(MediaDescription offered, MediaDescription section)
    {
        if (offered.Simulcast is not { Send.Count: > 0 } offeredSimulcast)
        {
            return;
        }
        var accepted = new HashSet<int>(section.Codecs.Select(c => c.PayloadType));
        var simulcast = new Simulcast();
        foreach (List<SimulcastStream> alternatives in offeredSimulcast.Send)
        {
            var kept = new List<SimulcastStream>();
            foreach (SimulcastStream stream in alternatives)
            {
                Rid? offeredRid = offered.Rids.FirstOrDefault(r => r.Id == stream.Rid && r.Direction == RidDirection.Send);
                if (offeredRid is null)
                {
                    continue;
                }
                var rid = new Rid(offeredRid.Id, RidDirection.Recv);
                rid.PayloadTypes.AddRange(offeredRid.PayloadTypes.Where(accepted.Contains));
                if (offeredRid.PayloadTypes.Count > 0 && rid.PayloadTypes.Count == 0)
                {
                    continue;
                }
                section.Rids.Add(rid);
                kept.Add(stream);
            }
            if (kept.Count > 0)
            {
                simulcast.Recv.Add(kept);
            }
        }
        if (simulcast.Recv.Count > 0)
        {
            section.Simulcast = simulcast;
        }
    }
}
