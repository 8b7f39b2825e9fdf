namespace Confab.Rtc.Sdp;

/// <summary>What the SFU puts into an answer besides what the offer decides.</summary>
public sealed class AnswerOptions
{
    /// <summary>Our ICE username fragment (RFC 8839 §5.4).</summary>
    public required string IceUfrag { get; init; }

    /// <summary>Our ICE password.</summary>
    public required string IcePwd { get; init; }

    /// <summary>The fingerprint of our DTLS certificate.</summary>
    public required SdpFingerprint Fingerprint { get; init; }

    /// <summary>Our ICE-lite host candidates; written in the BUNDLE tag section with a=end-of-candidates.</summary>
    public IReadOnlyList<IceCandidate> Candidates { get; init; } = [];

    public MediaCapabilities Capabilities { get; init; } = MediaCapabilities.CreateDefault();

    /// <summary>o= session id (JSEP §5.2.1: a random 62-bit number chosen once per session).</summary>
    public ulong SessionId { get; init; } = 1;

    /// <summary>o= session version: incremented for every new description of the session.</summary>
    public ulong SessionVersion { get; init; } = 1;

    /// <summary>
    /// Whether the SFU sends on a section whose offer lets it (sendrecv / recvonly), keyed by mid.
    /// Mids not listed use <see cref="SendByDefault"/>. Sending needs a=msid and a=ssrc lines that
    /// the caller adds to the returned answer.
    /// </summary>
    public IReadOnlyDictionary<string, bool> SendByMid { get; init; } = new Dictionary<string, bool>();

    /// <summary>Whether the SFU sends where <see cref="SendByMid"/> says nothing (default: it only receives).</summary>
    public bool SendByDefault { get; init; }

    /// <summary>
    /// Whether to accept a data channel section (m=application ... webrtc-datachannel). Off by
    /// default: the SFU has no SCTP association, and chat travels on the signaling connection.
    /// When on, the answer carries a=sctp-port:<see cref="SctpPort"/> and a=max-message-size.
    /// </summary>
    public bool AcceptDataChannel { get; init; }

    /// <summary>RFC 8841 §5: the SCTP port of the data channel association (5000 by convention).</summary>
    public int SctpPort { get; init; } = 5000;

    /// <summary>RFC 8841 §6: the largest message we accept, in bytes.</summary>
    public long MaxMessageSize { get; init; } = 256 * 1024;

    internal bool Sends(string mid) => SendByMid.TryGetValue(mid, out bool send) ? send : SendByDefault;
}
