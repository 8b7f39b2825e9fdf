using System.Security.Cryptography;

namespace Confab.Rtc.Srtp;

/// <summary>
/// AES-GCM with a 12-octet nonce and a 16-octet tag (NIST SP 800-38D), as SRTP uses it. Decryption
/// reports a bad tag as false, never as an exception.
/// </summary>
internal abstract class GcmAead : IDisposable
{
    public const int NonceLength = 12;
    public const int TagLength = 16;

    /// <summary>The fastest implementation on this machine: AES-NI + PCLMULQDQ when present.</summary>
    public static GcmAead Create(ReadOnlySpan<byte> key) =>
        IntrinsicsAesGcm.IsSupported ? new IntrinsicsAesGcm(key) : new BclAesGcm(key);

    /// <summary>Encrypts <paramref name="data"/> in place and writes the tag.</summary>
    public abstract void Encrypt(ReadOnlySpan<byte> nonce, Span<byte> data, Span<byte> tag, ReadOnlySpan<byte> aad);

    /// <summary>Verifies the tag and, only when it matches, decrypts <paramref name="data"/> in place.</summary>
    public abstract bool TryDecrypt(ReadOnlySpan<byte> nonce, Span<byte> data, ReadOnlySpan<byte> tag, ReadOnlySpan<byte> aad);

    public abstract void Dispose();
}

/// <summary>AES-GCM through <see cref="AesGcm"/> (the platform's crypto library).</summary>
internal sealed class BclAesGcm : GcmAead
{
    private readonly AesGcm _aesGcm;

    public BclAesGcm(ReadOnlySpan<byte> key) => _aesGcm = new AesGcm(key, TagLength);

    public override void Encrypt(ReadOnlySpan<byte> nonce, Span<byte> data, Span<byte> tag, ReadOnlySpan<byte> aad) =>
        _aesGcm.Encrypt(nonce, data, data, tag, aad);

    public override bool TryDecrypt(ReadOnlySpan<byte> nonce, Span<byte> data, ReadOnlySpan<byte> tag, ReadOnlySpan<byte> aad)
    {
        try
        {
            _aesGcm.Decrypt(nonce, data, tag, data, aad);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    public override void Dispose() => _aesGcm.Dispose();
}
