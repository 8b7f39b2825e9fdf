namespace Confab.Rtc.Dtls;

/// <summary>Why a DTLS handshake did not complete.</summary>
public enum DtlsFailureReason
{
    /// <summary>The peer's certificate does not hash to the fingerprint from its SDP.</summary>
    FingerprintMismatch,

    /// <summary>The peer sent no certificate (WebRTC requires mutual authentication).</summary>
    NoPeerCertificate,

    /// <summary>No SRTP protection profile in common, or the peer left out use_srtp.</summary>
    NoSrtpProfile,

    /// <summary>The peer aborted with a fatal alert.</summary>
    AlertReceived,

    /// <summary>The handshake did not finish within the configured time.</summary>
    Timeout,

    /// <summary>The endpoint was closed while handshaking.</summary>
    Closed,

    /// <summary>Any other protocol failure (malformed messages, unsupported parameters...).</summary>
    ProtocolError,
}

/// <summary>The DTLS handshake failed; <see cref="Reason"/> says why, the message says it for humans.</summary>
public sealed class DtlsHandshakeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DtlsHandshakeException(DtlsFailureReason reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    /// <summary>Why the handshake failed.</summary>
    public DtlsFailureReason Reason { get; }
}
