namespace Confab.Rtc.Srtp;

/// <summary>
/// Transform parameters of each protection profile: RFC 5764 §4.1.2 for the AES-CM profiles and
/// RFC 7714 §14.2 for the AEAD profiles. All lengths are in octets.
/// </summary>
public static class SrtpProfileExtensions
{
    private const int Aes128KeyLength = 16;
    private const int Aes256KeyLength = 32;
    private const int CounterModeSaltLength = 14;
    private const int GcmSaltLength = 12;
    private const int HmacSha1Tag80Length = 10;
    private const int HmacSha1Tag32Length = 4;
    private const int GcmTagLength = 16;

    /// <summary>True for the profiles this stack implements.</summary>
    public static bool IsSupported(this SrtpProfile profile) => profile is SrtpProfile.Aes128CmHmacSha1_80
        or SrtpProfile.Aes128CmHmacSha1_32 or SrtpProfile.AeadAes128Gcm or SrtpProfile.AeadAes256Gcm;

    /// <summary>True for the AES-GCM profiles of RFC 7714.</summary>
    public static bool IsAead(this SrtpProfile profile) =>
        profile is SrtpProfile.AeadAes128Gcm or SrtpProfile.AeadAes256Gcm;

    /// <summary>Master key length (cipher_key_length).</summary>
    public static int GetMasterKeyLength(this SrtpProfile profile) =>
        profile == SrtpProfile.AeadAes256Gcm ? Aes256KeyLength : Aes128KeyLength;

    /// <summary>Master salt length (cipher_salt_length): 112 bits for AES-CM, 96 bits for AES-GCM.</summary>
    public static int GetMasterSaltLength(this SrtpProfile profile) =>
        profile.IsAead() ? GcmSaltLength : CounterModeSaltLength;

    /// <summary>Authentication tag length appended to each SRTP packet.</summary>
    public static int GetRtpTagLength(this SrtpProfile profile) => profile switch
    {
        SrtpProfile.Aes128CmHmacSha1_32 => HmacSha1Tag32Length,
        SrtpProfile.AeadAes128Gcm or SrtpProfile.AeadAes256Gcm => GcmTagLength,
        _ => HmacSha1Tag80Length,
    };

    /// <summary>Authentication tag length appended to each SRTCP packet (80 bits for both AES-CM profiles).</summary>
    public static int GetRtcpTagLength(this SrtpProfile profile) =>
        profile.IsAead() ? GcmTagLength : HmacSha1Tag80Length;

    /// <summary>Octets SRTP adds to an RTP packet (the tag; no MKI is used).</summary>
    public static int GetRtpOverhead(this SrtpProfile profile) => profile.GetRtpTagLength();

    /// <summary>Octets SRTCP adds to an RTCP packet: the E flag + SRTCP index word and the tag.</summary>
    public static int GetRtcpOverhead(this SrtpProfile profile) =>
        SrtcpLayout.IndexWordLength + profile.GetRtcpTagLength();

    /// <summary>
    /// Length of the DTLS exporter output for this profile: 2 * (key + salt) (RFC 5764 §4.2).
    /// </summary>
    public static int GetKeyingMaterialLength(this SrtpProfile profile) =>
        2 * (profile.GetMasterKeyLength() + profile.GetMasterSaltLength());
}
