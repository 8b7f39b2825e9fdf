using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Confab.Rtc.Stun;

/// <summary>
/// The 96-bit transaction id of RFC 8489 §5 as a value (two integers, big-endian order kept),
/// comparable without allocation.
/// </summary>
public readonly record struct StunTransactionId
{
    private readonly ulong _first8;
    private readonly uint _last4;

    private StunTransactionId(ulong first8, uint last4)
    {
        _first8 = first8;
        _last4 = last4;
    }

    /// <summary>From the 12 bytes of the header.</summary>
    public static StunTransactionId FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != StunConstants.TransactionIdSize)
        {
            throw new ArgumentException("A transaction id has 12 bytes.", nameof(bytes));
        }

        return new StunTransactionId(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt32BigEndian(bytes[8..]));
    }

    /// <summary>RFC 8489 §5: uniformly random, from a cryptographic generator.</summary>
    public static StunTransactionId NewRandom()
    {
        Span<byte> bytes = stackalloc byte[StunConstants.TransactionIdSize];
        RandomNumberGenerator.Fill(bytes);
        return FromBytes(bytes);
    }

    /// <summary>Writes the 12 bytes.</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _first8);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], _last4);
    }

    public override string ToString() => $"{_first8:x16}{_last4:x8}";
}
