namespace Confab.Rtc.Dtls;

/// <summary>Limits and preferences of a <see cref="DtlsEndpoint"/>.</summary>
public sealed class DtlsEndpointOptions
{
    /// <summary>Largest datagram we send or accept, in bytes: fits the 1280-byte IPv6 minimum MTU with UDP/IP headers.</summary>
    public int MtuBytes { get; init; } = 1200;

    /// <summary>At most this many received datagrams wait for the DTLS engine; more are dropped and counted.</summary>
    public int MaxQueuedDatagrams { get; init; } = 64;

    /// <summary>At most this many bytes of received datagrams wait for the DTLS engine; more are dropped and counted.</summary>
    public int MaxQueuedBytes { get; init; } = 64 * 1024;

    /// <summary>The whole handshake must finish within this time.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>As the DTLS server: the SRTP profiles we accept, most wanted first.</summary>
    public IReadOnlyList<int> ServerSrtpPreference { get; init; } = SrtpProtectionProfile.DefaultServerPreference;

    /// <summary>As the DTLS client: the SRTP profiles we offer.</summary>
    public IReadOnlyList<int> ClientSrtpOffer { get; init; } = SrtpProtectionProfile.DefaultClientOffer;
}
