namespace Confab.Rtc.Sdp;

/// <summary>
/// A session description (RFC 8866 §5) as WebRTC uses it (JSEP, RFC 8829): the session part and
/// its m= sections. Attributes that the model does not interpret are kept in
/// <see cref="OtherAttributes"/> in their order, so that parse → write keeps them.
/// </summary>
public sealed class SessionDescription
{
    public SdpOrigin Origin { get; set; } = SdpOrigin.ForWebRtc(1, 1);

    /// <summary>s= value; WebRTC writes "-".</summary>
    public string SessionName { get; set; } = "-";

    /// <summary>Session-level c= (WebRTC puts it in each m= section instead).</summary>
    public SdpConnection? Connection { get; set; }

    /// <summary>The first t= line.</summary>
    public SdpTiming Timing { get; set; } = SdpTiming.Unbounded;

    /// <summary>Session lines other than v/o/s/c/t/a/m (i=, u=, e=, p=, b=, r=, z=, k=, extra t=), in order.</summary>
    public List<SdpLine> OtherLines { get; } = [];

    /// <summary>a=group lines (RFC 5888), e.g. BUNDLE.</summary>
    public List<SdpGroup> Groups { get; } = [];

    public SdpMsidSemantic? MsidSemantic { get; set; }

    /// <summary>a=extmap-allow-mixed (RFC 8285 §6): one- and two-byte header extensions may be mixed.</summary>
    public bool ExtMapAllowMixed { get; set; }

    /// <summary>a=ice-lite (RFC 8839 §5.3): this side is an ICE-lite agent.</summary>
    public bool IceLite { get; set; }

    public string? IceUfrag { get; set; }

    public string? IcePwd { get; set; }

    /// <summary>a=ice-options tokens, e.g. "trickle".</summary>
    public List<string> IceOptions { get; } = [];

    public SdpFingerprint? Fingerprint { get; set; }

    public SdpSetupRole? Setup { get; set; }

    /// <summary>Session-level a= lines the model does not interpret, in order.</summary>
    public List<SdpAttribute> OtherAttributes { get; } = [];

    public List<MediaDescription> Media { get; } = [];

    /// <summary>The first a=group:BUNDLE, or null.</summary>
    public SdpGroup? BundleGroup =>
        Groups.FirstOrDefault(g => string.Equals(g.Semantics, SdpGroup.Bundle, StringComparison.Ordinal));

    /// <summary>The m= section with this mid, or null.</summary>
    public MediaDescription? FindMedia(string mid) =>
        Media.FirstOrDefault(m => string.Equals(m.Mid, mid, StringComparison.Ordinal));

    /// <summary>The ICE ufrag of a section: its own, else the session's (RFC 8839 §5.4).</summary>
    public string? IceUfragFor(MediaDescription media) => media.IceUfrag ?? IceUfrag;

    /// <summary>The ICE password of a section: its own, else the session's.</summary>
    public string? IcePwdFor(MediaDescription media) => media.IcePwd ?? IcePwd;

    /// <summary>The fingerprint of a section: its own, else the session's (RFC 8122 §5).</summary>
    public SdpFingerprint? FingerprintFor(MediaDescription media) => media.Fingerprint ?? Fingerprint;

    /// <summary>The DTLS setup role of a section: its own, else the session's.</summary>
    public SdpSetupRole? SetupFor(MediaDescription media) => media.Setup ?? Setup;
}
