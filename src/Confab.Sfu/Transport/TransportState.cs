namespace Confab.Sfu.Transport;

public enum TransportState
{
    /// <summary>Created; waiting for the peer's connectivity checks and DTLS handshake.</summary>
    New,

    /// <summary>DTLS done, SRTP keys in place: media flows.</summary>
    Connected,

    /// <summary>Consent lapsed (RFC 7675): nothing is sent until the peer's checks come back.</summary>
    Disconnected,

    /// <summary>The DTLS handshake failed (wrong fingerprint, timeout).</summary>
    Failed,

    Closed,
}
