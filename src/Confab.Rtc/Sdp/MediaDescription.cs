namespace Confab.Rtc.Sdp;

/// <summary>The media type of an m= line.</summary>
public enum MediaKind
{
    Audio,
    Video,
    Application,
    Other,
}

/// <summary>
/// One m= section (RFC 8866 §5.14) with the attributes WebRTC uses. For RTP sections
/// <see cref="Formats"/> holds the payload types of the m= line and <see cref="Codecs"/> what the
/// rtpmap/fmtp/rtcp-fb lines say about them; for data channels Formats is "webrtc-datachannel".
/// </summary>
public sealed class MediaDescription
{
    public const string WebRtcProtocol = "UDP/TLS/RTP/SAVPF";
    public const string DataChannelProtocol = "UDP/DTLS/SCTP";
    public const string DataChannelFormat = "webrtc-datachannel";

    /// <summary>"audio", "video", "application" or another media type, as written.</summary>
    public string Media { get; set; } = "audio";

    public MediaKind Kind => Media switch
    {
        "audio" => MediaKind.Audio,
        "video" => MediaKind.Video,
        "application" => MediaKind.Application,
        _ => MediaKind.Other,
    };

    /// <summary>0 = rejected (RFC 3264 §6) or bundle-only.</summary>
    public int Port { get; set; } = 9;

    /// <summary>The optional "/&lt;number of ports&gt;" of the m= line.</summary>
    public int? PortCount { get; set; }

    public string Protocol { get; set; } = WebRtcProtocol;

    /// <summary>The &lt;fmt&gt; list of the m= line, as written.</summary>
    public List<string> Formats { get; } = [];

    /// <summary>Lines other than m/c/a (i=, b=, k=), in order.</summary>
    public List<SdpLine> OtherLines { get; } = [];

    public SdpConnection? Connection { get; set; }

    public string? Mid { get; set; }

    /// <summary>The direction attribute; sendrecv when none is written (RFC 3264 §5.1).</summary>
    public MediaDirection Direction { get; set; } = MediaDirection.SendRecv;

    public bool RtcpMux { get; set; }

    /// <summary>a=rtcp-rsize (RFC 5506): reduced-size RTCP.</summary>
    public bool RtcpReducedSize { get; set; }

    public string? IceUfrag { get; set; }

    public string? IcePwd { get; set; }

    public List<string> IceOptions { get; } = [];

    public SdpFingerprint? Fingerprint { get; set; }

    public SdpSetupRole? Setup { get; set; }

    public List<ExtMap> Extensions { get; } = [];

    /// <summary>Codecs in m= line order.</summary>
    public List<Codec> Codecs { get; } = [];

    /// <summary>a=rtcp-fb:* values, which apply to every payload type.</summary>
    public List<string> WildcardFeedback { get; } = [];

    public List<Rid> Rids { get; } = [];

    public Simulcast? Simulcast { get; set; }

    public List<Msid> Msids { get; } = [];

    public List<SsrcGroup> SsrcGroups { get; } = [];

    public List<SsrcAttribute> SsrcAttributes { get; } = [];

    public List<IceCandidate> Candidates { get; } = [];

    public bool EndOfCandidates { get; set; }

    /// <summary>a=sctp-port (RFC 8841 §5).</summary>
    public int? SctpPort { get; set; }

    /// <summary>a=max-message-size in bytes (RFC 8841 §6).</summary>
    public long? MaxMessageSize { get; set; }

    /// <summary>a= lines the model does not interpret, in order.</summary>
    public List<SdpAttribute> OtherAttributes { get; } = [];

    public bool IsRejected => Port == 0;

    /// <summary>Whether the protocol carries RTP (so formats are payload types).</summary>
    public bool IsRtp => IsRtpProtocol(Protocol);

    public bool IsDataChannel => Kind == MediaKind.Application && Formats.Contains(DataChannelFormat);

    public static bool IsRtpProtocol(string protocol) => protocol.Contains("RTP/", StringComparison.Ordinal);

    public Codec? FindCodec(int payloadType) => Codecs.FirstOrDefault(c => c.PayloadType == payloadType);

    public ExtMap? FindExtension(string uri) =>
        Extensions.FirstOrDefault(e => string.Equals(e.Uri, uri, StringComparison.Ordinal));

    /// <summary>Replaces the codecs and makes the m= line list exactly their payload types.</summary>
    public void SetCodecs(IEnumerable<Codec> codecs)
    {
        Codecs.Clear();
        Codecs.AddRange(codecs);
        Formats.Clear();
        Formats.AddRange(Codecs.Select(c => SdpTokens.Invariant(c.PayloadType)));
    }
}
