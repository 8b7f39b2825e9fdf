namespace Confab.Rtc.Dtls;

/// <summary>
/// SRTP protection profiles negotiated by the use_srtp extension (RFC 5764 §4.1.2, IANA "DTLS-SRTP Protection
/// Profiles"), with the master key and salt lengths each one needs (RFC 5764 §4.1.2, RFC 7714 §12).
/// </summary>
public static class SrtpProtectionProfile
{
    /// <summary>SRTP_AES128_CM_HMAC_SHA1_80: AES-128 counter mode, 80-bit HMAC-SHA1 tag.</summary>
    public const int Aes128CmHmacSha1_80 = 0x0001;

    /// <summary>SRTP_AES128_CM_HMAC_SHA1_32: AES-128 counter mode, 32-bit HMAC-SHA1 tag.</summary>
    public const int Aes128CmHmacSha1_32 = 0x0002;

    /// <summary>SRTP_AEAD_AES_128_GCM (RFC 7714).</summary>
    public const int AeadAes128Gcm = 0x0007;

    /// <summary>SRTP_AEAD_AES_256_GCM (RFC 7714).</summary>
    public const int AeadAes256Gcm = 0x0008;

    private const int Aes128KeyBytes = 16;
    private const int Aes256KeyBytes = 32;
    private const int CounterModeSaltBytes = 14; // 112-bit master salt, RFC 3711 §8.2
    private const int GcmSaltBytes = 12;         // 96-bit master salt, RFC 7714 §12

    /// <summary>Our preference as the DTLS server: the first of these that the client offers wins.</summary>
    public static IReadOnlyList<int> DefaultServerPreference { get; } =
        [AeadAes128Gcm, Aes128CmHmacSha1_80, AeadAes256Gcm, Aes128CmHmacSha1_32];

    /// <summary>What we offer as the DTLS client, most wanted first.</summary>
    public static IReadOnlyList<int> DefaultClientOffer { get; } =
        [AeadAes128Gcm, Aes128CmHmacSha1_80, AeadAes256Gcm, Aes128CmHmacSha1_32];

    /// <summary>Master key and master salt lengths of a supported profile; false for an unknown one.</summary>
    public static bool TryGetKeyLengths(int profileId, out int keyBytes, out int saltBytes)
    {
        switch (profileId)
        {
            case Aes128CmHmacSha1_80:
            case Aes128CmHmacSha1_32:
                (keyBytes, saltBytes) = (Aes128KeyBytes, CounterModeSaltBytes);
                return true;
            case AeadAes128Gcm:
                (keyBytes, saltBytes) = (Aes128KeyBytes, GcmSaltBytes);
                return true;
            case AeadAes256Gcm:
                (keyBytes, saltBytes) = (Aes256KeyBytes, GcmSaltBytes);
                return true;
            default:
                (keyBytes, saltBytes) = (0, 0);
                return false;
        }
    }

    /// <summary>The IANA name of a profile, for logs and errors.</summary>
    public static string NameOf(int profileId) => profileId switch
    {
        Aes128CmHmacSha1_80 => "SRTP_AES128_CM_HMAC_SHA1_80",
        Aes128CmHmacSha1_32 => "SRTP_AES128_CM_HMAC_SHA1_32",
        AeadAes128Gcm => "SRTP_AEAD_AES_128_GCM",
        AeadAes256Gcm => "SRTP_AEAD_AES_256_GCM",
        _ => $"0x{profileId:X4}",
    };
}
