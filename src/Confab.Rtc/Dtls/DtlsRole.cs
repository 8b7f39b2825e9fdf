namespace Confab.Rtc.Dtls;

/// <summary>
/// Which side of the DTLS handshake this endpoint plays (RFC 5763 §5: a=setup).
/// An SFU answering with a=setup:passive is the DTLS <see cref="Server"/>; a=setup:active is the <see cref="Client"/>.
/// </summary>
public enum DtlsRole
{
    /// <summary>Waits for the peer's ClientHello.</summary>
    Server,

    /// <summary>Sends the ClientHello.</summary>
    Client,
}
