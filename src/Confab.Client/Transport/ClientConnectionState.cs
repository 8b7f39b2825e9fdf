namespace Confab.Client.Transport;

/// <summary>Lifecycle of a <see cref="ClientPeerConnection"/>.</summary>
public enum ClientConnectionState
{
    /// <summary>Created; the remote description is not applied yet.</summary>
    New,

    /// <summary>Sending connectivity checks (RFC 8445 §7.2.4) until one succeeds.</summary>
    Checking,

    /// <summary>ICE succeeded; the DTLS handshake runs.</summary>
    Handshaking,

    /// <summary>SRTP keys in place: media flows.</summary>
    Connected,

    /// <summary>Consent lapsed (RFC 7675 §5.1): no response to our checks for the consent timeout.</summary>
    Disconnected,

    /// <summary>ICE or DTLS failed; see <see cref="ClientPeerConnection.FailureReason"/>.</summary>
    Failed,

    Closed,
}
