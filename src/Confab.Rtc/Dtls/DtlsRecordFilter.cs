namespace Confab.Rtc.Dtls;

/// <summary>
/// Screens datagrams before they reach the DTLS engine. The engine drops records that fail authentication
/// (bad_record_mac), but a protected record too short to even hold the AEAD nonce and tag makes it raise a fatal
/// decode_error and tear the association down; one forged or corrupted datagram must not do that. Such datagrams
/// are dropped here instead.
/// <code>
/// RFC 6347 §4.1, DTLSPlaintext / DTLSCiphertext header:
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     type      |    version (major, minor)     |     epoch ...
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///     ... epoch   |          sequence_number (48 bits) ...
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///                      ... sequence_number        |     length    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | length (cont) |  fragment ...
/// +-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
internal static class DtlsRecordFilter
{
    /// <summary>Size of the DTLS record header, in bytes.</summary>
    public const int RecordHeaderBytes = 13;

    private const int EpochOffset = 3;
    private const int LengthOffset = 11;

    /// <summary>AES-GCM in (D)TLS 1.2: 8-byte explicit nonce + 16-byte tag (RFC 5288 §3).</summary>
    public const int AesGcmMinProtectedBytes = 8 + 16;

    /// <summary>ChaCha20-Poly1305 in (D)TLS 1.2: no explicit nonce, 16-byte tag (RFC 7905 §2).</summary>
    public const int ChaCha20Poly1305MinProtectedBytes = 16;

    /// <summary>
    /// False when any record of the datagram is protected (epoch above 0) yet shorter than
    /// <paramref name="minProtectedRecordBytes"/>. Truncated or otherwise malformed records are left for the
    /// engine, which ignores them.
    /// </summary>
    public static bool HasNoUndersizedProtectedRecord(ReadOnlySpan<byte> datagram, int minProtectedRecordBytes)
    {
        var offset = 0;
        while (datagram.Length - offset >= RecordHeaderBytes)
        {
            var header = datagram.Slice(offset, RecordHeaderBytes);
            var epoch = (header[EpochOffset] << 8) | header[EpochOffset + 1];
            var length = (header[LengthOffset] << 8) | header[LengthOffset + 1];
            if (epoch != 0 && length < minProtectedRecordBytes)
            {
                return false;
            }

            offset += RecordHeaderBytes + length;
        }

        return true;
    }

    /// <summary>Smallest protected record of a cipher suite we negotiate.</summary>
    public static int MinProtectedRecordBytes(int cipherSuite) => cipherSuite switch
    {
        Org.BouncyCastle.Tls.CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256
            or Org.BouncyCastle.Tls.CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256
            => ChaCha20Poly1305MinProtectedBytes,
        _ => AesGcmMinProtectedBytes,
    };
}
