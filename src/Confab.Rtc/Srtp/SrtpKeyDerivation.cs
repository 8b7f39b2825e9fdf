namespace Confab.Rtc.Srtp;

/// <summary>
/// Session key derivation with the AES-CM PRF (RFC 3711 §4.3.1 and §4.3.3; RFC 7714 §11 for AES-256
/// and the 96-bit GCM master salt), with key_derivation_rate = 0 so r = index DIV kdr = 0.
/// <code>
/// key_id = label || r                       (7 octets: 1 label octet, 48-bit r)
/// x      = key_id XOR master_salt           (14 octets, key_id right-aligned)
/// output = AES-CM(master_key, IV = x * 2^16) keystream, truncated to the wanted length
/// </code>
/// </summary>
internal static class SrtpKeyDerivation
{
    public const byte RtpEncryptionLabel = 0x00;
    public const byte RtpAuthenticationLabel = 0x01;
    public const byte RtpSaltLabel = 0x02;
    public const byte RtcpEncryptionLabel = 0x03;
    public const byte RtcpAuthenticationLabel = 0x04;
    public const byte RtcpSaltLabel = 0x05;

    private const int BlockLength = 16;
    private const int PrfSaltLength = 14;

    /// <summary>Label octet position: key_id (7 octets) is right-aligned in the 14-octet salt.</summary>
    private const int LabelOffset = PrfSaltLength - 7;

    /// <summary>Fills <paramref name="output"/> with the session key for <paramref name="label"/>.</summary>
    public static void Derive(AesCounterModeCipher prf, ReadOnlySpan<byte> masterSalt, byte label, Span<byte> output)
    {
        if (masterSalt.Length > PrfSaltLength)
        {
            throw new ArgumentException("Master salt is longer than 112 bits.", nameof(masterSalt));
        }

        // A 96-bit GCM master salt is padded on the right with zeros to 112 bits (as libsrtp does);
        // the two last IV octets are the multiplication by 2^16.
        Span<byte> iv = stackalloc byte[BlockLength];
        iv.Clear();
        masterSalt.CopyTo(iv);
        iv[LabelOffset] ^= label;
        output.Clear();
        prf.Apply(iv, output);
    }

    /// <summary>Creates the PRF: AES counter mode keyed with the master key.</summary>
    public static AesCounterModeCipher CreatePrf(ReadOnlySpan<byte> masterKey) => new(masterKey);
}
