namespace Confab.Rtc.Sdp;

/// <summary>Reads the a= lines of one m= section into its <see cref="MediaDescription"/>.</summary>
internal static class SdpMediaAttributeReader
{
    private const int MaxPort = 65535;

    public static string? Read(MediaDescription media, string text, HashSet<string> sessionMids)
    {
        (string name, string? value) = SdpTokens.SplitAttribute(text);
        if (SdpEnums.TryParseDirection(name, out MediaDirection direction) && value is null)
        {
            media.Direction = direction;
            return null;
        }
        string? error = null;
        switch (name)
        {
            case "mid":
                return ReadMid(media, value, sessionMids);
            case "rtcp-mux" when value is null:
                media.RtcpMux = true;
                return null;
            case "rtcp-rsize" when value is null:
                media.RtcpReducedSize = true;
                return null;
            case "end-of-candidates" when value is null:
                media.EndOfCandidates = true;
                return null;
            case "ice-ufrag":
                media.IceUfrag = value;
                return SdpIceCredentials.CheckUfrag(value);
            case "ice-pwd":
                media.IcePwd = value;
                return SdpIceCredentials.CheckPwd(value);
            case "ice-options":
                return SdpIceCredentials.ReadOptions(value, media.IceOptions);
            case "fingerprint":
                if (SdpFingerprint.TryParse(value, out SdpFingerprint? fingerprint, out error))
                {
                    media.Fingerprint = fingerprint;
                }
                return error;
            case "setup":
                if (!SdpEnums.TryParseSetup(value, out SdpSetupRole role))
                {
                    return "setup must be actpass, active, passive or holdconn";
                }
                media.Setup = role;
                return null;
            case "candidate":
                if (IceCandidate.TryParse(value, out IceCandidate? candidate, out error))
                {
                    media.Candidates.Add(candidate!);
                }
                return error;
            case "extmap":
                return ReadExtMap(media, value);
            case "rtpmap" or "fmtp" or "rtcp-fb" when media.IsRtp:
                return SdpCodecLines.Read(media, name, value);
            case "rid":
                return ReadRid(media, value);
            case "simulcast":
                if (media.Simulcast is not null)
                {
                    return "more than one a=simulcast line";
                }
                if (Simulcast.TryParse(value, out Simulcast? simulcast, out error))
                {
                    media.Simulcast = simulcast;
                }
                return error;
            case "msid":
                if (Msid.TryParse(value, out Msid? msid, out error))
                {
                    media.Msids.Add(msid!);
                }
                return error;
            case "ssrc":
                if (SsrcAttribute.TryParse(value, out SsrcAttribute? ssrc, out error))
                {
                    media.SsrcAttributes.Add(ssrc!);
                }
                return error;
            case "ssrc-group":
                if (SsrcGroup.TryParse(value, out SsrcGroup? ssrcGroup, out error))
                {
                    media.SsrcGroups.Add(ssrcGroup!);
                }
                return error;
            case "sctp-port":
                if (!SdpTokens.TryParseInRange(value, 0, MaxPort, out int sctpPort))
                {
                    return "sctp-port must be 0..65535";
                }
                media.SctpPort = sctpPort;
                return null;
            case "max-message-size":
                if (!SdpTokens.TryParseUInt64(value, out ulong size) || size > long.MaxValue)
                {
                    return "max-message-size must be a decimal number of bytes";
                }
                media.MaxMessageSize = (long)size;
                return null;
            default:
                if (!SdpTokens.IsToken(name))
                {
                    return $"attribute name '{name}' is invalid";
                }
                media.OtherAttributes.Add(new SdpAttribute(name, value));
                return null;
        }
    }

    /// <summary>Checks what can only be checked once the whole section is read.</summary>
    public static string? FinishSection(MediaDescription media)
    {
        if (media.Simulcast is Simulcast simulcast)
        {
            foreach (string rid in simulcast.SendRids)
            {
                if (!media.Rids.Any(r => r.Id == rid && r.Direction == RidDirection.Send))
                {
                    return $"simulcast send names rid '{rid}' without an 'a=rid:{rid} send' line";
                }
            }
            foreach (SimulcastStream stream in simulcast.Recv.SelectMany(a => a))
            {
                if (!media.Rids.Any(r => r.Id == stream.Rid && r.Direction == RidDirection.Recv))
                {
                    return $"simulcast recv names rid '{stream.Rid}' without an 'a=rid:{stream.Rid} recv' line";
                }
            }
        }
        if (media.IsRtp)
        {
            SdpCodecLines.OrderByFormats(media);
        }
        return null;
    }

    private static string? ReadMid(MediaDescription media, string? value, HashSet<string> sessionMids)
    {
        if (media.Mid is not null)
        {
            return "more than one a=mid in one m= section";
        }
        // RFC 5888 §4: identification-tag = token; Chromium's are "0", "1", ... or names.
        if (value is null || !SdpTokens.IsToken(value))
        {
            return "mid must be a token";
        }
        if (!sessionMids.Add(value))
        {
            return $"mid '{value}' is used by two m= sections";
        }
        media.Mid = value;
        return null;
    }

    private static string? ReadExtMap(MediaDescription media, string? value)
    {
        if (!ExtMap.TryParse(value, out ExtMap? extMap, out string? error))
        {
            return error;
        }
        if (media.Extensions.Any(e => e.Id == extMap!.Id))
        {
            return $"extmap id {extMap!.Id} is used twice in one m= section";
        }
        media.Extensions.Add(extMap!);
        return null;
    }

    private static string? ReadRid(MediaDescription media, string? value)
    {
        if (!Rid.TryParse(value, out Rid? rid, out string? error))
        {
            return error;
        }
        if (media.Rids.Any(r => r.Id == rid!.Id))
        {
            return $"rid '{rid!.Id}' is declared twice";
        }
        media.Rids.Add(rid!);
        return null;
    }
}
