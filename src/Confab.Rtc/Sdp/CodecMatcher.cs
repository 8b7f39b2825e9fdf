namespace Confab.Rtc.Sdp;

/// <summary>What an answer may carry for one offered m= section: codecs and header extensions.</summary>
public sealed record CodecMatch(IReadOnlyList<Codec> Codecs, IReadOnlyList<ExtMap> Extensions)
{
    /// <summary>Whether at least one media codec (not only rtx) is common.</summary>
    public bool HasCommonCodec => Codecs.Any(c => !c.IsRtx());
}

/// <summary>
/// Picks, from an offered m= section, the codecs and header extensions the SFU supports. The
/// answer keeps the offerer's payload type numbers and extmap ids (JSEP §5.3.1, RFC 8285 §6),
/// so packets from the offerer need no remapping. Codecs stay in the offerer's order, each rtx
/// right after the codec its apt= names.
/// </summary>
public static class CodecMatcher
{
    public static CodecMatch Match(MediaDescription offered, MediaCapabilities capabilities)
    {
        ArgumentNullException.ThrowIfNull(offered);
        ArgumentNullException.ThrowIfNull(capabilities);
        var codecs = new List<Codec>();
        IReadOnlyList<SupportedCodec> supported = capabilities.CodecsFor(offered.Kind);
        foreach (Codec codec in offered.Codecs)
        {
            if (codec.IsRtx() || FindSupported(codec, supported, capabilities) is not SupportedCodec match)
            {
                continue;
            }
            codecs.Add(Accept(codec, match.Feedback));
            if (capabilities.Rtx && offered.Kind == MediaKind.Video && FindRtx(offered, codec) is Codec rtx)
            {
                codecs.Add(Accept(rtx, []));
            }
        }
        var extensions = new List<ExtMap>();
        if (codecs.Count > 0)
        {
            foreach (ExtMap extMap in offered.Extensions)
            {
                if (capabilities.HeaderExtensions.Contains(extMap.Uri, StringComparer.Ordinal))
                {
                    extensions.Add(new ExtMap(extMap.Id, extMap.Uri));
                }
            }
        }
        return new CodecMatch(codecs, extensions);
    }

    /// <summary>Whether a codec of an offer is one of the supported ones, with parameters the SFU accepts.</summary>
    public static bool IsSupported(Codec codec, SupportedCodec supported, MediaCapabilities capabilities)
    {
        if (!codec.IsNamed(supported.Name) || codec.ClockRate != supported.ClockRate
            || (supported.Channels is int channels && (codec.Channels ?? 1) != channels))
        {
            return false;
        }
        if (codec.IsNamed(KnownCodecs.H264Name))
        {
            return codec.TryGetH264PacketizationMode(out int mode) && mode == 1
                && codec.TryGetH264ProfileLevelId(out H264ProfileLevelId profile)
                && capabilities.H264Profiles.Contains(profile.ProfileHex);
        }
        if (codec.IsNamed(KnownCodecs.Vp9Name))
        {
            return codec.TryGetVp9ProfileId(out int profileId) && capabilities.Vp9Profiles.Contains(profileId);
        }
        return true;
    }

    private static SupportedCodec? FindSupported(Codec codec, IReadOnlyList<SupportedCodec> supported, MediaCapabilities capabilities)
    {
        foreach (SupportedCodec candidate in supported)
        {
            if (IsSupported(codec, candidate, capabilities))
            {
                return candidate;
            }
        }
        return null;
    }

    private static Codec? FindRtx(MediaDescription offered, Codec primary)
    {
        foreach (Codec codec in offered.Codecs)
        {
            if (codec.TryGetAssociatedPayloadType(out int apt) && apt == primary.PayloadType && codec.ClockRate == primary.ClockRate)
            {
                return codec;
            }
        }
        return null;
    }

    /// <summary>A copy with the offered parameters and only the feedback both sides support.</summary>
    private static Codec Accept(Codec offered, IReadOnlyList<string> supportedFeedback)
    {
        var accepted = new Codec(offered.PayloadType, offered.Name, offered.ClockRate, offered.Channels);
        foreach (KeyValuePair<string, string> pair in offered.Parameters)
        {
            accepted.Parameters[pair.Key] = pair.Value;
        }
        foreach (string feedback in offered.Feedback)
        {
            if (supportedFeedback.Contains(feedback, StringComparer.OrdinalIgnoreCase))
            {
                accepted.Feedback.Add(feedback);
            }
        }
        return accepted;
    }
}
