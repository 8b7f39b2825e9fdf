namespace Confab.Rtc.Sdp;

/// <summary>A codec the SFU can receive and forward: matched by name (case-insensitive), clock rate and channels.</summary>
public sealed record SupportedCodec(string Name, int ClockRate, int? Channels, IReadOnlyList<string> Feedback);

/// <summary>What the SFU negotiates: codecs per media kind, header extensions, RTX, and codec profiles.</summary>
public sealed class MediaCapabilities
{
    public List<SupportedCodec> AudioCodecs { get; } = [];

    public List<SupportedCodec> VideoCodecs { get; } = [];

    /// <summary>Header extension URIs accepted in answers (see <see cref="RtpHeaderExtensionUris"/>).</summary>
    public List<string> HeaderExtensions { get; } = [];

    /// <summary>Whether RTX (RFC 4588) streams are accepted alongside video codecs.</summary>
    public bool Rtx { get; set; } = true;

    /// <summary>
    /// H.264 profiles accepted, as the 4 hex digits of profile_idc and constraint flags ("42e0":
    /// Constrained Baseline, "4200": Baseline, "4d00": Main, "640c": Constrained High). Any level.
    /// Only packetization-mode=1 is accepted.
    /// </summary>
    public HashSet<string> H264Profiles { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>VP9 profile-id values accepted (0: 8-bit 4:2:0).</summary>
    public HashSet<int> Vp9Profiles { get; } = [];

    /// <summary>Opus; VP8, VP9 profile 0, H.264 (mode 1, the profiles above); RTX; the extensions of <see cref="RtpHeaderExtensionUris.Supported"/>.</summary>
    public static MediaCapabilities CreateDefault()
    {
        var capabilities = new MediaCapabilities();
        capabilities.AudioCodecs.Add(new SupportedCodec(
            KnownCodecs.OpusName, KnownCodecs.OpusClockRateHz, KnownCodecs.OpusChannels, KnownCodecs.AudioFeedback));
        foreach (string name in new[] { KnownCodecs.Vp8Name, KnownCodecs.Vp9Name, KnownCodecs.H264Name })
        {
            capabilities.VideoCodecs.Add(new SupportedCodec(name, KnownCodecs.VideoClockRateHz, null, KnownCodecs.VideoFeedback));
        }
        capabilities.HeaderExtensions.AddRange(RtpHeaderExtensionUris.Supported);
        capabilities.H264Profiles.UnionWith(["42e0", "4200", "4d00", "640c"]);
        capabilities.Vp9Profiles.Add(0);
        return capabilities;
    }

    public IReadOnlyList<SupportedCodec> CodecsFor(MediaKind kind) => kind switch
    {
        MediaKind.Audio => AudioCodecs,
        MediaKind.Video => VideoCodecs,
        _ => [],
    };
}
