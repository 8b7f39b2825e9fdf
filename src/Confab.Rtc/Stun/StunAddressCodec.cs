using System.Buffers.Binary;

namespace Confab.Rtc.Stun;

/// <summary>
/// MAPPED-ADDRESS (RFC 8489 §14.1) and XOR-MAPPED-ADDRESS (§14.2) values.
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |0 0 0 0 0 0 0 0|    Family     |      (X-)Port                 |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |              (X-)Address (32 bits or 128 bits)                |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// X-Port is the port XOR the cookie's top 16 bits; X-Address is the address XOR the cookie
/// (IPv4) or XOR the cookie followed by the transaction id (IPv6).
/// </summary>
public static class StunAddressCodec
{
    private const byte FamilyIPv4 = 0x01;
    private const byte FamilyIPv6 = 0x02;
    private const int FamilyOffset = 1;
    private const int PortOffset = 2;
    private const int AddressOffset = 4;
    private const int IPv4Size = 4;
    private const int IPv6Size = 16;

    /// <summary>Value size for this address: 8 (IPv4) or 20 (IPv6).</summary>
    public static int ValueSize(in TransportAddress address) => AddressOffset + address.AddressSize;

    /// <summary>Reads a plain MAPPED-ADDRESS value.</summary>
    public static bool TryReadMapped(ReadOnlySpan<byte> value, out TransportAddress address)
        => TryRead(value, default, xor: false, out address);

    /// <summary>Reads an XOR-MAPPED-ADDRESS value with the message's 12-byte transaction id.</summary>
    public static bool TryReadXorMapped(ReadOnlySpan<byte> value, ReadOnlySpan<byte> transactionId, out TransportAddress address)
    {
        if (transactionId.Length != StunConstants.TransactionIdSize)
        {
            address = default;
            return false;
        }

        return TryRead(value, transactionId, xor: true, out address);
    }

    private static bool TryRead(ReadOnlySpan<byte> value, ReadOnlySpan<byte> transactionId, bool xor, out TransportAddress address)
    {
        address = default;
        if (value.Length < AddressOffset)
        {
            return false;
        }

        ushort port = BinaryPrimitives.ReadUInt16BigEndian(value[PortOffset..]);
        if (xor)
        {
            port ^= (ushort)(StunConstants.MagicCookie >> 16);
        }

        Span<byte> raw = stackalloc byte[IPv6Size];
        switch (value[FamilyOffset])
        {
            case FamilyIPv4 when value.Length == AddressOffset + IPv4Size:
                value.Slice(AddressOffset, IPv4Size).CopyTo(raw);
                if (xor)
                {
                    XorWithMask(raw[..IPv4Size], transactionId);
                }

                address = TransportAddress.FromIPv4(raw[..IPv4Size], port);
                return true;
            case FamilyIPv6 when value.Length == AddressOffset + IPv6Size:
                value.Slice(AddressOffset, IPv6Size).CopyTo(raw);
                if (xor)
                {
                    XorWithMask(raw, transactionId);
                }

                address = TransportAddress.FromIPv6(raw, port);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Writes an XOR-MAPPED-ADDRESS value; returns its size (8 or 20), or 0 if it does not fit.</summary>
    public static int WriteXorMapped(Span<byte> destination, in TransportAddress address, ReadOnlySpan<byte> transactionId)
    {
        int size = ValueSize(address);
        if (address.AddressSize == 0 || destination.Length < size || transactionId.Length != StunConstants.TransactionIdSize)
        {
            return 0;
        }

        destination[0] = 0;
        destination[FamilyOffset] = address.IsIPv4 ? FamilyIPv4 : FamilyIPv6;
        BinaryPrimitives.WriteUInt16BigEndian(destination[PortOffset..], (ushort)(address.Port ^ (StunConstants.MagicCookie >> 16)));
        Span<byte> raw = destination.Slice(AddressOffset, address.AddressSize);
        address.WriteAddressBytes(raw);
        XorWithMask(raw, transactionId);
        return size;
    }

    // The mask is the magic cookie followed by the transaction id (only the cookie reaches IPv4).
    private static void XorWithMask(Span<byte> address, ReadOnlySpan<byte> transactionId)
    {
        Span<byte> mask = stackalloc byte[IPv6Size];
        BinaryPrimitives.WriteUInt32BigEndian(mask, StunConstants.MagicCookie);
        if (address.Length > IPv4Size)
        {
            transactionId.CopyTo(mask[IPv4Size..]);
        }

        for (int i = 0; i < address.Length; i++)
        {
            address[i] ^= mask[i];
        }
    }
}
