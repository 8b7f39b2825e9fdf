using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Confab.Rtc.Stun;

/// <summary>
/// A validated STUN message over the caller's bytes (from <see cref="StunMessage.TryRead"/>):
/// header fields, indexed attributes and the integrity checks, with no copy and no allocation.
/// </summary>
public readonly ref struct StunMessageView
{
    private readonly StunAttributeIndex _index;

    internal StunMessageView(ReadOnlySpan<byte> bytes, StunAttributeIndex index)
    {
        Bytes = bytes;
        _index = index;
        Type = StunMessageType.FromWire(BinaryPrimitives.ReadUInt16BigEndian(bytes));
    }

    /// <summary>False for a default view (what a failed <see cref="StunMessage.TryRead"/> leaves): it has no attributes.</summary>
    public bool IsValid => Bytes.Length >= StunConstants.HeaderSize;

    /// <summary>The whole message.</summary>
    public ReadOnlySpan<byte> Bytes { get; }

    /// <summary>Method and class.</summary>
    public StunMessageType Type { get; }

    /// <summary>The 12 transaction id bytes.</summary>
    public ReadOnlySpan<byte> TransactionIdBytes => Bytes.Length >= StunConstants.HeaderSize
        ? Bytes.Slice(StunConstants.TransactionIdOffset, StunConstants.TransactionIdSize)
        : new byte[StunConstants.TransactionIdSize];

    /// <summary>The transaction id as a comparable value.</summary>
    public StunTransactionId TransactionId => StunTransactionId.FromBytes(TransactionIdBytes);

    public bool HasMessageIntegrity => At(_index.MessageIntegrity) >= 0;

    public bool HasFingerprint => At(_index.Fingerprint) >= 0;

    /// <summary>RFC 8445 §7.1.2: USE-CANDIDATE present (and well formed: empty).</summary>
    public bool HasUseCandidate => At(_index.UseCandidate) >= 0 && ValueLength(At(_index.UseCandidate)) == 0;

    /// <summary>The first unknown comprehension-required attribute type, if any (for a 420 answer).</summary>
    public bool TryGetUnknownRequiredAttribute(out ushort type)
    {
        type = At(_index.FirstUnknownRequired) >= 0 ? BinaryPrimitives.ReadUInt16BigEndian(Bytes[At(_index.FirstUnknownRequired)..]) : (ushort)0;
        return At(_index.FirstUnknownRequired) >= 0;
    }

    public bool TryGetUsername(out ReadOnlySpan<byte> username) => TryGetValue(At(_index.Username), out username);

    public bool TryGetRealm(out ReadOnlySpan<byte> realm) => TryGetValue(At(_index.Realm), out realm);

    public bool TryGetNonce(out ReadOnlySpan<byte> nonce) => TryGetValue(At(_index.Nonce), out nonce);

    public bool TryGetSoftware(out ReadOnlySpan<byte> software) => TryGetValue(At(_index.Software), out software);

    /// <summary>RFC 8445 §7.1.1 PRIORITY: a 32-bit value.</summary>
    public bool TryGetPriority(out uint priority)
    {
        priority = 0;
        if (!TryGetValue(At(_index.Priority), out ReadOnlySpan<byte> value) || value.Length != sizeof(uint))
        {
            return false;
        }

        priority = BinaryPrimitives.ReadUInt32BigEndian(value);
        return true;
    }

    /// <summary>RFC 8445 §7.1.3 ICE-CONTROLLING: the sender's 64-bit tie-breaker.</summary>
    public bool TryGetIceControlling(out ulong tieBreaker) => TryGetUInt64(At(_index.IceControlling), out tieBreaker);

    /// <summary>RFC 8445 §7.1.3 ICE-CONTROLLED: the sender's 64-bit tie-breaker.</summary>
    public bool TryGetIceControlled(out ulong tieBreaker) => TryGetUInt64(At(_index.IceControlled), out tieBreaker);

    /// <summary>XOR-MAPPED-ADDRESS decoded with this message's transaction id.</summary>
    public bool TryGetXorMappedAddress(out TransportAddress address)
    {
        address = default;
        return TryGetValue(At(_index.XorMappedAddress), out ReadOnlySpan<byte> value)
            && StunAddressCodec.TryReadXorMapped(value, TransactionIdBytes, out address);
    }

    /// <summary>MAPPED-ADDRESS (RFC 3489 style servers).</summary>
    public bool TryGetMappedAddress(out TransportAddress address)
    {
        address = default;
        return TryGetValue(At(_index.MappedAddress), out ReadOnlySpan<byte> value) && StunAddressCodec.TryReadMapped(value, out address);
    }

    /// <summary>ERROR-CODE: number 300..699 and reason phrase bytes.</summary>
    public bool TryGetErrorCode(out int code, out ReadOnlySpan<byte> reason)
    {
        code = 0;
        reason = default;
        return TryGetValue(At(_index.ErrorCode), out ReadOnlySpan<byte> value) && StunErrorCode.TryRead(value, out code, out reason);
    }

    /// <summary>UNKNOWN-ATTRIBUTES raw value (pairs of bytes; see <see cref="StunErrorCode.UnknownAttributeAt"/>).</summary>
    public bool TryGetUnknownAttributes(out ReadOnlySpan<byte> value)
        => TryGetValue(At(_index.UnknownAttributes), out value) && StunErrorCode.UnknownAttributeCount(value) >= 0;

    /// <summary>Any attribute's first occurrence by type (a linear scan; for types not indexed above).</summary>
    public bool TryGetAttribute(ushort type, out ReadOnlySpan<byte> value)
    {
        int offset = StunConstants.HeaderSize;
        while (offset + StunConstants.AttributeHeaderSize <= Bytes.Length)
        {
            ushort current = BinaryPrimitives.ReadUInt16BigEndian(Bytes[offset..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(Bytes[(offset + 2)..]);
            if (current == type)
            {
                value = Bytes.Slice(offset + StunConstants.AttributeHeaderSize, length);
                return true;
            }

            offset += StunConstants.AttributeHeaderSize + StunConstants.Padded(length);
        }

        value = default;
        return false;
    }

    /// <summary>
    /// RFC 8489 §14.5: recomputes the HMAC-SHA1 over the message up to MESSAGE-INTEGRITY with the
    /// length field adjusted, and compares in constant time. False when the attribute is absent.
    /// </summary>
    public bool VerifyMessageIntegrity(ReadOnlySpan<byte> key)
    {
        int at = At(_index.MessageIntegrity);
        if (at < 0)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[StunConstants.MessageIntegritySize];
        StunIntegrity.ComputeHmac(Bytes[..at], StunIntegrity.LengthFieldForIntegrity(at), key, expected);
        ReadOnlySpan<byte> actual = Bytes.Slice(at + StunConstants.AttributeHeaderSize, StunConstants.MessageIntegritySize);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>RFC 8489 §14.7: CRC-32 of the message up to FINGERPRINT, XOR 0x5354554E. False when absent.</summary>
    public bool VerifyFingerprint()
    {
        int at = At(_index.Fingerprint);
        if (at < 0)
        {
            return false;
        }

        uint actual = BinaryPrimitives.ReadUInt32BigEndian(Bytes[(at + StunConstants.AttributeHeaderSize)..]);
        return StunIntegrity.ComputeFingerprint(Bytes[..at]) == actual;
    }

    // Index slots hold offset + 1 so that a default view has no attributes (see StunAttributeIndex).
    private static int At(int slot) => slot - 1;

    private int ValueLength(int attributeOffset) => BinaryPrimitives.ReadUInt16BigEndian(Bytes[(attributeOffset + 2)..]);

    private bool TryGetValue(int attributeOffset, out ReadOnlySpan<byte> value)
    {
        if (attributeOffset < 0)
        {
            value = default;
            return false;
        }

        value = Bytes.Slice(attributeOffset + StunConstants.AttributeHeaderSize, ValueLength(attributeOffset));
        return true;
    }

    private bool TryGetUInt64(int attributeOffset, out ulong result)
    {
        result = 0;
        if (!TryGetValue(attributeOffset, out ReadOnlySpan<byte> value) || value.Length != sizeof(ulong))
        {
            return false;
        }

        result = BinaryPrimitives.ReadUInt64BigEndian(value);
        return true;
    }
}
