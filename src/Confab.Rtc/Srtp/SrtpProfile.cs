namespace Confab.Rtc.Srtp;

/// <summary>
/// SRTP protection profiles negotiated by DTLS-SRTP (RFC 5764 §4.1.2, RFC 7714 §14.2).
/// The numeric values are the two-octet profile identifiers carried in the use_srtp extension.
/// </summary>
public enum SrtpProfile : ushort
{
    /// <summary>SRTP_AES128_CM_HMAC_SHA1_80 {0x00, 0x01}: AES-128 counter mode, 80-bit HMAC-SHA1 tag.</summary>
    Aes128CmHmacSha1_80 = 0x0001,

    /// <summary>
    /// SRTP_AES128_CM_HMAC_SHA1_32 {0x00, 0x02}: as above but a 32-bit tag on SRTP; SRTCP keeps the
    /// 80-bit tag (RFC 5764 §4.1.2).
    /// </summary>
    Aes128CmHmacSha1_32 = 0x0002,

    /// <summary>SRTP_AEAD_AES_128_GCM {0x00, 0x07}: AES-128-GCM with a 16-octet tag (RFC 7714).</summary>
    AeadAes128Gcm = 0x0007,

    /// <summary>SRTP_AEAD_AES_256_GCM {0x00, 0x08}: AES-256-GCM with a 16-octet tag (RFC 7714).</summary>
    AeadAes256Gcm = 0x0008,
}
