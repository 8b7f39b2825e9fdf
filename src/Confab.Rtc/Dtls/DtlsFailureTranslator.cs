using Org.BouncyCastle.Tls;

namespace Confab.Rtc.Dtls;

/// <summary>Turns what the DTLS engine threw into a <see cref="DtlsHandshakeException"/> that says why.</summary>
internal static class DtlsFailureTranslator
{
    public static DtlsHandshakeException Translate(Exception error, DtlsHandshakeState state, DtlsFailureReason? abortReason,
        TimeSpan handshakeTimeout)
    {
        if (abortReason == DtlsFailureReason.Timeout)
        {
            return new DtlsHandshakeException(DtlsFailureReason.Timeout,
                $"The DTLS handshake did not complete within {handshakeTimeout.TotalSeconds:0.#} s.", error);
        }

        if (abortReason is { } reason)
        {
            return new DtlsHandshakeException(reason, "The DTLS endpoint was closed during the handshake.", error);
        }

        if (state.Failure is { } diagnosed)
        {
            return new DtlsHandshakeException(diagnosed.Reason, diagnosed.Message, error);
        }

        return error switch
        {
            TlsFatalAlertReceived received => new DtlsHandshakeException(DtlsFailureReason.AlertReceived,
                $"The peer aborted the DTLS handshake with alert {AlertDescription.GetText(received.AlertDescription)}.",
                error),
            TlsTimeoutException => new DtlsHandshakeException(DtlsFailureReason.Timeout,
                $"The DTLS handshake did not complete within {handshakeTimeout.TotalSeconds:0.#} s.", error),
            TlsFatalAlert raised => new DtlsHandshakeException(DtlsFailureReason.ProtocolError,
                $"The DTLS handshake failed with alert {AlertDescription.GetText(raised.AlertDescription)}: {raised.Message}",
                error),
            _ => new DtlsHandshakeException(DtlsFailureReason.ProtocolError,
                $"The DTLS handshake failed: {error.Message}", error),
        };
    }
}
