namespace Confab.Rtc.Dtls;

/// <summary>
/// Where a DTLS endpoint writes its datagrams: typically the shared UDP socket of the SFU, aimed at the peer's
/// selected ICE address. Implementations must not keep the span after returning.
/// </summary>
public interface IDatagramSender
{
    /// <summary>Sends one datagram. Failures are loss: DTLS retransmits its handshake flights on its own.</summary>
    void Send(ReadOnlySpan<byte> datagram);
}
