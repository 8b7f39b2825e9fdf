using System.Buffers.Binary;

namespace Confab.Rtc.Stun;

/// <summary>
/// Writes one STUN message into the caller's buffer: header first, then attributes in order,
/// then MESSAGE-INTEGRITY, then FINGERPRINT (RFC 8489 §14.5, §14.7). Every add returns false,
/// leaving the message as it was, when the attribute does not fit or breaks that order.
/// Padding bytes are zero. The header's length field is kept current after each add.
/// </summary>
public ref struct StunMessageWriter
{
    private readonly Span<byte> _buffer;
    private int _length;
    private bool _hasIntegrity;
    private bool _hasFingerprint;

    /// <summary>Starts a message of <paramref name="type"/> with the 12-byte <paramref name="transactionId"/>.</summary>
    /// <exception cref="ArgumentException">The buffer is smaller than a header or the id is not 12 bytes (caller bugs).</exception>
    public StunMessageWriter(Span<byte> buffer, StunMessageType type, ReadOnlySpan<byte> transactionId)
    {
        if (buffer.Length < StunConstants.HeaderSize)
        {
            throw new ArgumentException("The buffer cannot hold a STUN header.", nameof(buffer));
        }

        if (transactionId.Length != StunConstants.TransactionIdSize)
        {
            throw new ArgumentException("A transaction id has 12 bytes.", nameof(transactionId));
        }

        _buffer = buffer;
        BinaryPrimitives.WriteUInt16BigEndian(buffer, type.ToWire());
        BinaryPrimitives.WriteUInt16BigEndian(buffer[StunConstants.LengthOffset..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[StunConstants.CookieOffset..], StunConstants.MagicCookie);
        transactionId.CopyTo(buffer[StunConstants.TransactionIdOffset..]);
        _length = StunConstants.HeaderSize;
    }

    /// <summary>Bytes written so far (a complete message after every successful add).</summary>
    public readonly int Length => _length;

    /// <summary>The message written so far.</summary>
    public readonly ReadOnlySpan<byte> Written => _buffer[.._length];

    /// <summary>Size on the wire of an attribute with this value length (header + padded value).</summary>
    public static int AttributeSize(int valueLength) => StunConstants.AttributeHeaderSize + StunConstants.Padded(valueLength);

    /// <summary>Adds an attribute with an opaque value.</summary>
    public bool TryAddAttribute(ushort type, scoped ReadOnlySpan<byte> value)
    {
        if (!TryBegin(type, value.Length, out Span<byte> slot))
        {
            return false;
        }

        value.CopyTo(slot);
        return Commit(value.Length);
    }

    /// <summary>Adds a zero-length attribute such as USE-CANDIDATE.</summary>
    public bool TryAddFlag(ushort type) => TryAddAttribute(type, default);

    /// <summary>Adds a 32-bit value such as PRIORITY.</summary>
    public bool TryAddUInt32(ushort type, uint value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return TryAddAttribute(type, bytes);
    }

    /// <summary>Adds a 64-bit value such as ICE-CONTROLLING.</summary>
    public bool TryAddUInt64(ushort type, ulong value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return TryAddAttribute(type, bytes);
    }

    /// <summary>Adds XOR-MAPPED-ADDRESS (or another XOR'd address type) for <paramref name="address"/>.</summary>
    public bool TryAddXorAddress(ushort type, in TransportAddress address)
    {
        int size = StunAddressCodec.ValueSize(address);
        if (address.AddressSize == 0 || !TryBegin(type, size, out Span<byte> slot))
        {
            return false;
        }

        ReadOnlySpan<byte> transactionId = _buffer.Slice(StunConstants.TransactionIdOffset, StunConstants.TransactionIdSize);
        StunAddressCodec.WriteXorMapped(slot, address, transactionId);
        return Commit(size);
    }

    /// <summary>Adds ERROR-CODE with a code 300..699 and a UTF-8 reason phrase.</summary>
    public bool TryAddErrorCode(int code, scoped ReadOnlySpan<byte> reason)
    {
        int size = StunErrorCode.ValueSize(reason.Length);
        if (!TryBegin(StunAttributeType.ErrorCode, size, out Span<byte> slot) || StunErrorCode.Write(slot, code, reason) == 0)
        {
            return false;
        }

        return Commit(size);
    }

    /// <summary>Adds UNKNOWN-ATTRIBUTES listing <paramref name="types"/>.</summary>
    public bool TryAddUnknownAttributes(scoped ReadOnlySpan<ushort> types)
    {
        int size = types.Length * sizeof(ushort);
        if (!TryBegin(StunAttributeType.UnknownAttributes, size, out Span<byte> slot))
        {
            return false;
        }

        for (int i = 0; i < types.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(slot[(i * 2)..], types[i]);
        }

        return Commit(size);
    }

    /// <summary>RFC 8489 §14.5: adds MESSAGE-INTEGRITY keyed with <paramref name="key"/>.</summary>
    public bool TryAddMessageIntegrity(scoped ReadOnlySpan<byte> key)
    {
        int at = _length;
        if (!TryBegin(StunAttributeType.MessageIntegrity, StunConstants.MessageIntegritySize, out Span<byte> slot))
        {
            return false;
        }

        StunIntegrity.ComputeHmac(_buffer[..at], StunIntegrity.LengthFieldForIntegrity(at), key, slot);
        Commit(StunConstants.MessageIntegritySize);
        _hasIntegrity = true;
        return true;
    }

    /// <summary>RFC 8489 §14.7: adds FINGERPRINT; nothing may follow it.</summary>
    public bool TryAddFingerprint()
    {
        int at = _length;
        if (!TryBegin(StunAttributeType.Fingerprint, StunConstants.FingerprintSize, out Span<byte> slot))
        {
            return false;
        }

        // The length field must already count the FINGERPRINT attribute when the CRC is taken.
        WriteLengthField(at + StunIntegrity.FingerprintAttributeSize);
        BinaryPrimitives.WriteUInt32BigEndian(slot, StunIntegrity.ComputeFingerprint(_buffer[..at]));
        Commit(StunConstants.FingerprintSize);
        _hasFingerprint = true;
        return true;
    }

    private bool TryBegin(ushort type, int valueLength, out Span<byte> value)
    {
        value = default;
        bool orderAllowed = !_hasFingerprint && (!_hasIntegrity || type == StunAttributeType.Fingerprint);
        int total = AttributeSize(valueLength);
        if (!orderAllowed || valueLength > ushort.MaxValue || total > _buffer.Length - _length
            || _length - StunConstants.HeaderSize + total > StunConstants.MaxMessageSize - StunConstants.HeaderSize)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(_buffer[_length..], type);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[(_length + 2)..], (ushort)valueLength);
        Span<byte> padded = _buffer.Slice(_length + StunConstants.AttributeHeaderSize, StunConstants.Padded(valueLength));
        padded[valueLength..].Clear();
        value = padded[..valueLength];
        return true;
    }

    private bool Commit(int valueLength)
    {
        _length += AttributeSize(valueLength);
        WriteLengthField(_length);
        return true;
    }

    private readonly void WriteLengthField(int messageLength)
        => BinaryPrimitives.WriteUInt16BigEndian(_buffer[StunConstants.LengthOffset..], (ushort)(messageLength - StunConstants.HeaderSize));
}
