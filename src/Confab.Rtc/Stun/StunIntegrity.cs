using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Confab.Rtc.Stun;

/// <summary>
/// MESSAGE-INTEGRITY (RFC 8489 §14.5) and FINGERPRINT (§14.7) computations.
/// </summary>
/// <remarks>
/// MESSAGE-INTEGRITY is an HMAC-SHA1 over the message up to, not including, the attribute itself,
/// with the header's length field set as if the message ended right after MESSAGE-INTEGRITY
/// (so attributes after it, such as FINGERPRINT, are not counted). The key is the short-term
/// password (ICE: the password as UTF-8, RFC 8445 §7.2.2) or the long-term key
/// MD5(username ":" realm ":" password) (§9.2.2).
/// </remarks>
public static class StunIntegrity
{
    /// <summary>Messages up to this size are hashed from a stack copy; larger ones from a pooled buffer.</summary>
    private const int StackScratchLimit = 1024;

    /// <summary>Bytes of the MESSAGE-INTEGRITY attribute: header + 20-byte HMAC.</summary>
    public const int AttributeSize = StunConstants.AttributeHeaderSize + StunConstants.MessageIntegritySize;

    /// <summary>Bytes of the FINGERPRINT attribute: header + 4-byte CRC.</summary>
    public const int FingerprintAttributeSize = StunConstants.AttributeHeaderSize + StunConstants.FingerprintSize;

    /// <summary>Bytes of an MD5 long-term key.</summary>
    public const int LongTermKeySize = 16;

    /// <summary>
    /// HMAC-SHA1 of <paramref name="prefix"/> (the message from its first byte up to where
    /// MESSAGE-INTEGRITY starts) with the length field replaced by <paramref name="lengthField"/>.
    /// </summary>
    public static void ComputeHmac(ReadOnlySpan<byte> prefix, ushort lengthField, ReadOnlySpan<byte> key, Span<byte> destination)
    {
        byte[]? rented = null;
        Span<byte> scratch = prefix.Length <= StackScratchLimit
            ? stackalloc byte[StackScratchLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(prefix.Length));
        try
        {
            Span<byte> copy = scratch[..prefix.Length];
            prefix.CopyTo(copy);
            BinaryPrimitives.WriteUInt16BigEndian(copy[StunConstants.LengthOffset..], lengthField);
            HMACSHA1.HashData(key, copy, destination[..StunConstants.MessageIntegritySize]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The length field value MESSAGE-INTEGRITY is computed with, when it starts at <paramref name="integrityOffset"/>.</summary>
    public static ushort LengthFieldForIntegrity(int integrityOffset)
        => (ushort)(integrityOffset - StunConstants.HeaderSize + AttributeSize);

    /// <summary>FINGERPRINT value: CRC-32 of the message up to the attribute, XOR 0x5354554E.</summary>
    public static uint ComputeFingerprint(ReadOnlySpan<byte> prefix) => StunCrc32.Compute(prefix) ^ StunConstants.FingerprintXor;

    /// <summary>
    /// RFC 8489 §9.2.2 long-term key: MD5(username ":" realm ":" password). The strings are taken
    /// as given (already processed by OpaqueString/SASLprep where the deployment needs it).
    /// </summary>
    public static void ComputeLongTermKey(string username, string realm, string password, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(realm);
        ArgumentNullException.ThrowIfNull(password);
#pragma warning disable CA5351 // MD5 is what RFC 8489 §9.2.2 specifies for the long-term key.
        MD5.HashData(Encoding.UTF8.GetBytes($"{username}:{realm}:{password}"), destination[..LongTermKeySize]);
#pragma warning restore CA5351
    }
}
