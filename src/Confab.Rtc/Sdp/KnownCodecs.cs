namespace Confab.Rtc.Sdp;

/// <summary>
/// Codec descriptions as WebRTC endpoints write them, for offers the SFU makes and for tests.
/// Payload type defaults are Chromium's usual numbers; any dynamic type (96..127) may be passed.
/// </summary>
public static class KnownCodecs
{
    public const string OpusName = "opus";
    public const string Vp8Name = "VP8";
    public const string Vp9Name = "VP9";
    public const string H264Name = "H264";
    public const string Av1Name = "AV1";
    public const string RtxName = "rtx";
    public const string RedName = "red";
    public const string UlpFecName = "ulpfec";

    /// <summary>Opus RTP clock (RFC 7587 §4.1: always 48 kHz, 2 channels in SDP).</summary>
    public const int OpusClockRateHz = 48_000;
    public const int OpusChannels = 2;

    /// <summary>Video RTP clock (RFC 7741, RFC 6184).</summary>
    public const int VideoClockRateHz = 90_000;

    /// <summary>Feedback a video receiver of the SFU handles: NACK, PLI, FIR, transport-wide CC.</summary>
    public static IReadOnlyList<string> VideoFeedback { get; } = ["goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"];

    /// <summary>Feedback for audio: transport-wide congestion control only.</summary>
    public static IReadOnlyList<string> AudioFeedback { get; } = ["transport-cc"];

    /// <summary>RFC 7587: opus/48000/2 with fmtp minptime=10;useinbandfec=1 (what Chromium offers).</summary>
    public static Codec Opus(int payloadType = 111)
    {
        var codec = new Codec(payloadType, OpusName, OpusClockRateHz, OpusChannels);
        codec.Parameters["minptime"] = "10";
        codec.Parameters["useinbandfec"] = "1";
        codec.Feedback.AddRange(AudioFeedback);
        return codec;
    }

    /// <summary>RFC 7741: VP8/90000.</summary>
    public static Codec Vp8(int payloadType = 96) => Video(payloadType, Vp8Name);

    /// <summary>VP9/90000 with profile-id (draft-ietf-payload-vp9 §6: 0 is the default profile).</summary>
    public static Codec Vp9(int payloadType = 98, int profileId = 0)
    {
        Codec codec = Video(payloadType, Vp9Name);
        codec.Parameters["profile-id"] = SdpTokens.Invariant(profileId);
        return codec;
    }

    /// <summary>
    /// RFC 6184 §8.1: H264/90000 with level-asymmetry-allowed=1, packetization-mode=1 (non-interleaved,
    /// FU-A/STAP-A) and profile-level-id (default 42e01f: Constrained Baseline, level 3.1).
    /// </summary>
    public static Codec H264(int payloadType = 102, string profileLevelId = "42e01f", bool levelAsymmetryAllowed = true)
    {
        Codec codec = Video(payloadType, H264Name);
        if (levelAsymmetryAllowed)
        {
            codec.Parameters["level-asymmetry-allowed"] = "1";
        }
        codec.Parameters["packetization-mode"] = "1";
        codec.Parameters["profile-level-id"] = profileLevelId;
        return codec;
    }

    /// <summary>RFC 4588 §8.6: rtx/&lt;clock&gt; with apt=&lt;associated payload type&gt;.</summary>
    public static Codec Rtx(int payloadType, int associatedPayloadType, int clockRate = VideoClockRateHz)
    {
        var codec = new Codec(payloadType, RtxName, clockRate);
        codec.Parameters[CodecParameters.AssociatedPayloadTypeKey] = SdpTokens.Invariant(associatedPayloadType);
        return codec;
    }

    private static Codec Video(int payloadType, string name)
    {
        var codec = new Codec(payloadType, name, VideoClockRateHz);
        codec.Feedback.AddRange(VideoFeedback);
        return codec;
    }
}
