namespace Confab.Rtc.Codecs;

/// <summary>Video codecs whose key frames the SFU must recognise.</summary>
public enum VideoCodec
{
    Unknown,
    Vp8,
    Vp9,
    H264,
}

/// <summary>Tells whether an RTP payload starts a key frame, for the codec negotiated for its payload type.</summary>
public static class KeyFrameDetector
{
    public static bool IsKeyFrameStart(VideoCodec codec, ReadOnlySpan<byte> payload) => codec switch
    {
        VideoCodec.Vp8 => Vp8PayloadDescriptor.TryRead(payload, out var vp8) && vp8.IsKeyFrameStart,
        VideoCodec.Vp9 => Vp9PayloadDescriptor.TryRead(payload, out var vp9) && vp9.IsKeyFrameStart,
        VideoCodec.H264 => H264KeyFrameDetector.IsKeyFrameStart(payload),
        _ => false,
    };

    /// <summary>Maps an SDP encoding name (rtpmap) to a codec.</summary>
    public static VideoCodec FromEncodingName(string name) => name.ToUpperInvariant() switch
    {
        "VP8" => VideoCodec.Vp8,
        "VP9" => VideoCodec.Vp9,
        "H264" => VideoCodec.H264,
        _ => VideoCodec.Unknown,
    };
}
