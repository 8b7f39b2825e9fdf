namespace Confab.Rtc.Dtls;

/// <summary>Lifecycle of a <see cref="DtlsEndpoint"/>.</summary>
public enum DtlsEndpointState
{
    /// <summary>Created; datagrams are queued until the handshake starts.</summary>
    New,

    /// <summary>The handshake runs on its own thread.</summary>
    Handshaking,

    /// <summary>Keys are exported; application data flows.</summary>
    Connected,

    /// <summary>Closed by us or by the peer's close_notify.</summary>
    Closed,

    /// <summary>The handshake or the connection failed.</summary>
    Failed,
}

/// <summary>Receives one decrypted DTLS application-data record (valid only during the call).</summary>
public delegate void DtlsApplicationDataHandler(ReadOnlySpan<byte> data);
