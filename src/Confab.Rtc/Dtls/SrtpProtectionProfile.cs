namespace Confab.Rtc.Dtls;

/// <summary>
/// SRTP protection profiles negotiated by the use_srtp extension (RFC 5764 §4.1.2, IANA "DTLS-SRTP Protection
/// Profiles"), as numbers for the DTLS engine; their key and salt lengths come from <see cref="Srtp.SrtpProfileExtensions"/>.
/// </summary>
public static class SrtpProtectionProfile
{
    /// <summary>SRTP_AES128_CM_HMAC_SHA1_80: AES-128 counter mode, 80-bit HMAC-SHA1 tag.</summary>
    public const int Aes128CmHmacSha1_80 = (int)Srtp.SrtpProfile.Aes128CmHmacSha1_80;

    /// <summary>SRTP_AES128_CM_HMAC_SHA1_32: AES-128 counter mode, 32-bit HMAC-SHA1 tag.</summary>
    public const int Aes128CmHmacSha1_32 = (int)Srtp.SrtpProfile.Aes128CmHmacSha1_32;

    /// <summary>SRTP_AEAD_AES_128_GCM (RFC 7714).</summary>
    public const int AeadAes128Gcm = (int)Srtp.SrtpProfile.AeadAes128Gcm;

    /// <summary>SRTP_AEAD_AES_256_GCM (RFC 7714).</summary>
    public const int AeadAes256Gcm = (int)Srtp.SrtpProfile.AeadAes256Gcm;

    /// <summary>Our preference as the DTLS server: the first of these that the client offers wins.</summary>
    public static IReadOnlyList<int> DefaultServerPreference { get; } =
        [AeadAes128Gcm, Aes128CmHmacSha1_80, AeadAes256Gcm, Aes128CmHmacSha1_32];

    /// <summary>What we offer as the DTLS client, most wanted first.</summary>
    public static IReadOnlyList<int> DefaultClientOffer { get; } =
        [AeadAes128Gcm, Aes128CmHmacSha1_80, AeadAes256Gcm, Aes128CmHmacSha1_32];

    /// <summary>Master key and master salt lengths of a supported profile (from the SRTP code); false for an unknown one.</summary>
    public static bool TryGetKeyLengths(int profileId, out int keyBytes, out int saltBytes)
    {
        var profile = (Srtp.SrtpProfile)profileId;
        if (profileId is < 0 or > ushort.MaxValue || !Srtp.SrtpProfileExtensions.IsSupported(profile))
        {
            (keyBytes, saltBytes) = (0, 0);
            return false;
        }
        (keyBytes, saltBytes) = (Srtp.SrtpProfileExtensions.GetMasterKeyLength(profile), Srtp.SrtpProfileExtensions.GetMasterSaltLength(profile));
        return true;
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
