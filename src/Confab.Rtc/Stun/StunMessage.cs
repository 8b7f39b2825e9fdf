using System.Buffers.Binary;

namespace Confab.Rtc.Stun;

/// <summary>
/// Entry points for reading STUN messages (RFC 8489 §5, §6).
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |0 0|     STUN Message Type     |         Message Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         Magic Cookie                          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                     Transaction ID (96 bits)                  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// then attributes:
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Type                  |            Length             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         Value (variable, padded to 4)        ....
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public static class StunMessage
{
    /// <summary>RFC 7983 §7: first byte 0..3 means STUN on a port shared with DTLS and RTP.</summary>
    private const byte MaxStunFirstByte = 3;

    /// <summary>
    /// Quick demultiplexing check: at least a header, first byte 0..3 (RFC 7983) and the magic
    /// cookie in place. It does not validate attributes; <see cref="TryRead"/> does.
    /// </summary>
    public static bool IsStun(ReadOnlySpan<byte> data)
        => data.Length >= StunConstants.HeaderSize
            && data[0] <= MaxStunFirstByte
            && BinaryPrimitives.ReadUInt32BigEndian(data[StunConstants.CookieOffset..]) == StunConstants.MagicCookie;

    /// <summary>
    /// Validates a whole datagram as one STUN message and indexes its attributes without copying
    /// or allocating. False for: short header, top bits set, bad cookie, length field not a
    /// multiple of 4 or not matching the datagram, an attribute running past the end, a
    /// MESSAGE-INTEGRITY or FINGERPRINT of the wrong size, or anything after FINGERPRINT.
    /// Attributes after MESSAGE-INTEGRITY other than FINGERPRINT are ignored (§14.5); unknown
    /// comprehension-optional attributes are skipped; the first unknown comprehension-required
    /// one is remembered so a server can answer 420.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out StunMessageView message)
    {
        message = default;
        if (data.Length < StunConstants.HeaderSize || (data[0] & 0xC0) != 0)
        {
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(data[StunConstants.LengthOffset..]);
        if ((length & (StunConstants.AttributeAlignment - 1)) != 0
            || StunConstants.HeaderSize + length != data.Length
            || BinaryPrimitives.ReadUInt32BigEndian(data[StunConstants.CookieOffset..]) != StunConstants.MagicCookie)
        {
            return false;
        }

        var index = new StunAttributeIndex();
        int offset = StunConstants.HeaderSize;
        while (offset < data.Length)
        {
            if (index.Fingerprint != 0 || data.Length - offset < StunConstants.AttributeHeaderSize)
            {
                return false;
            }

            ushort type = BinaryPrimitives.ReadUInt16BigEndian(data[offset..]);
            int valueLength = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 2)..]);
            int padded = StunConstants.Padded(valueLength);
            if (padded > data.Length - offset - StunConstants.AttributeHeaderSize)
            {
                return false;
            }

            if (!index.Record(type, offset, valueLength))
            {
                return false;
            }

            offset += StunConstants.AttributeHeaderSize + padded;
        }

        message = new StunMessageView(data, index);
        return true;
    }
}
