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

    /// <summary>Smallest MTU that still carries a DTLS record with some payload.</summary>
    public const int MinMtuBytes = 128;

    /// <summary>Largest UDP payload over IPv4.</summary>
    public const int MaxMtuBytes = 65_507;

    /// <summary>Throws <see cref="ArgumentException"/> when a limit is out of range.</summary>
    public void Validate()
    {
        if (MtuBytes is < MinMtuBytes or > MaxMtuBytes)
        {
            throw new ArgumentException($"MtuBytes must be within {MinMtuBytes}..{MaxMtuBytes}, not {MtuBytes}.");
        }

        if (MaxQueuedDatagrams < 1 || MaxQueuedBytes < MtuBytes)
        {
            throw new ArgumentException(
                $"The queue must hold at least one datagram of MtuBytes ({MaxQueuedDatagrams} datagrams, {MaxQueuedBytes} bytes).");
        }

        if (HandshakeTimeout <= TimeSpan.Zero || HandshakeTimeout > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentException($"HandshakeTimeout must be within (0, 10 min], not {HandshakeTimeout}.");
        }

        if (ServerSrtpPreference.Count == 0 || ClientSrtpOffer.Count == 0
            || !ServerSrtpPreference.Concat(ClientSrtpOffer).All(id => SrtpProtectionProfile.TryGetKeyLengths(id, out _, out _)))
        {
            throw new ArgumentException("SRTP profile lists must be non-empty and hold only supported profiles.");
        }
    }
}
