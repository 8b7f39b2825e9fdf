using System.Globalization;

namespace Confab.Rtc.Sdp;

/// <summary>H.264 profile-level-id (RFC 6184 §8.1): profile_idc, profile-iop (constraint flags), level_idc.</summary>
public readonly record struct H264ProfileLevelId(byte ProfileIdc, byte ProfileIop, byte LevelIdc)
{
    /// <summary>RFC 6184 §8.1: when profile-level-id is absent, Baseline level 1.0 ("42000a").</summary>
    public static H264ProfileLevelId Default { get; } = new(0x42, 0x00, 0x0a);

    /// <summary>The profile part, e.g. "42e0" — profile_idc and constraint flags, without the level.</summary>
    public string ProfileHex => $"{ProfileIdc:x2}{ProfileIop:x2}";

    /// <summary>Parses the 6 hex digits of profile-level-id.</summary>
    public static bool TryParse(string? text, out H264ProfileLevelId value)
    {
        value = default;
        if (text is not { Length: 6 } || !uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint bits))
        {
            return false;
        }
        value = new H264ProfileLevelId((byte)(bits >> 16), (byte)(bits >> 8), (byte)bits);
        return true;
    }

    public override string ToString() => $"{ProfileIdc:x2}{ProfileIop:x2}{LevelIdc:x2}";
}

/// <summary>Reading codec parameters that matter for negotiation.</summary>
public static class CodecParameters
{
    /// <summary>RFC 4588 §8.6: the rtx parameter naming the original payload type.</summary>
    public const string AssociatedPayloadTypeKey = "apt";

    public const string PacketizationModeKey = "packetization-mode";
    public const string ProfileLevelIdKey = "profile-level-id";
    public const string Vp9ProfileIdKey = "profile-id";

    public static bool IsRtx(this Codec codec) => codec.IsNamed(KnownCodecs.RtxName);

    /// <summary>The apt= of an rtx codec.</summary>
    public static bool TryGetAssociatedPayloadType(this Codec codec, out int payloadType)
    {
        payloadType = 0;
        return codec.IsRtx()
            && SdpTokens.TryParseInRange(codec.GetParameter(AssociatedPayloadTypeKey), 0, Codec.MaxPayloadType, out payloadType);
    }

    /// <summary>The payload type of the rtx codec whose apt= names <paramref name="payloadType"/>, or null.</summary>
    public static int? FindRtxPayloadType(this MediaDescription media, int payloadType)
    {
        foreach (Codec codec in media.Codecs)
        {
            if (codec.TryGetAssociatedPayloadType(out int apt) && apt == payloadType)
            {
                return codec.PayloadType;
            }
        }
        return null;
    }

    /// <summary>
    /// RFC 6184 §8.1 packetization-mode: 0 (single NAL, also when absent), 1 (non-interleaved) or
    /// 2 (interleaved). False when the value is present but not one of those.
    /// </summary>
    public static bool TryGetH264PacketizationMode(this Codec codec, out int mode)
    {
        string? text = codec.GetParameter(PacketizationModeKey);
        if (text is null)
        {
            mode = 0;
            return true;
        }
        return SdpTokens.TryParseInRange(text, 0, 2, out mode);
    }

    /// <summary>profile-level-id of an H.264 codec, or the RFC 6184 default when absent. False when malformed.</summary>
    public static bool TryGetH264ProfileLevelId(this Codec codec, out H264ProfileLevelId value)
    {
        string? text = codec.GetParameter(ProfileLevelIdKey);
        if (text is null)
        {
            value = H264ProfileLevelId.Default;
            return true;
        }
        return H264ProfileLevelId.TryParse(text, out value);
    }

    /// <summary>VP9 profile-id (0 when absent). False when malformed.</summary>
    public static bool TryGetVp9ProfileId(this Codec codec, out int profileId)
    {
        string? text = codec.GetParameter(Vp9ProfileIdKey);
        if (text is null)
        {
            profileId = 0;
            return true;
        }
        return SdpTokens.TryParseInRange(text, 0, 3, out profileId);
    }
}
