using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Confab.Rtc.Stun;

/// <summary>
/// An IP address and UDP port as plain bytes: a value type that can key a dictionary with no
/// allocation per packet. IPv4-mapped IPv6 addresses (what a dual-stack socket reports) are
/// stored as the IPv4 address they carry, so both spellings of one peer compare equal.
/// </summary>
public readonly record struct TransportAddress
{
    private const int IPv4Size = 4;
    private const int IPv6Size = 16;

    // sockaddr_in / sockaddr_in6 layout inside SocketAddress.Buffer (same on every platform .NET runs on).
    private const int SockaddrPortOffset = 2;
    private const int SockaddrIPv4Offset = 4;
    private const int SockaddrIPv6Offset = 8;

    // The address in network byte order: IPv4 in the top 32 bits of _high, IPv6 across both.
    private readonly ulong _high;
    private readonly ulong _low;

    /// <summary>UDP port in host order.</summary>
    public ushort Port { get; }

    /// <summary><see cref="AddressFamily.InterNetwork"/> or <see cref="AddressFamily.InterNetworkV6"/>; Unspecified for default.</summary>
    public AddressFamily Family { get; }

    private TransportAddress(AddressFamily family, ulong high, ulong low, ushort port)
    {
        Family = family;
        _high = high;
        _low = low;
        Port = port;
    }

    public bool IsIPv4 => Family == AddressFamily.InterNetwork;

    public bool IsIPv6 => Family == AddressFamily.InterNetworkV6;

    /// <summary>Number of address bytes: 4 for IPv4, 16 for IPv6, 0 for an unset value.</summary>
    public int AddressSize => Family switch
    {
        AddressFamily.InterNetwork => IPv4Size,
        AddressFamily.InterNetworkV6 => IPv6Size,
        _ => 0,
    };

    /// <summary>An IPv4 address from 4 bytes in network order.</summary>
    public static TransportAddress FromIPv4(ReadOnlySpan<byte> address, ushort port)
    {
        if (address.Length != IPv4Size)
        {
            throw new ArgumentException("An IPv4 address has 4 bytes.", nameof(address));
        }

        ulong high = (ulong)BinaryPrimitives.ReadUInt32BigEndian(address) << 32;
        return new TransportAddress(AddressFamily.InterNetwork, high, 0, port);
    }

    /// <summary>An IPv6 address from 16 bytes in network order (IPv4-mapped ones become IPv4).</summary>
    public static TransportAddress FromIPv6(ReadOnlySpan<byte> address, ushort port)
    {
        if (address.Length != IPv6Size)
        {
            throw new ArgumentException("An IPv6 address has 16 bytes.", nameof(address));
        }

        ulong high = BinaryPrimitives.ReadUInt64BigEndian(address);
        ulong low = BinaryPrimitives.ReadUInt64BigEndian(address[8..]);
        const ulong MappedPrefixLow = 0x0000_FFFF_0000_0000;
        if (high == 0 && (low & 0xFFFF_FFFF_0000_0000) == MappedPrefixLow)
        {
            return new TransportAddress(AddressFamily.InterNetwork, low << 32, 0, port);
        }

        return new TransportAddress(AddressFamily.InterNetworkV6, high, low, port);
    }

    /// <summary>Reads a socket address without allocating; false for families other than IPv4/IPv6.</summary>
    public static bool TryFromSocketAddress(SocketAddress socketAddress, out TransportAddress address)
    {
        ArgumentNullException.ThrowIfNull(socketAddress);
        ReadOnlySpan<byte> raw = socketAddress.Buffer.Span[..socketAddress.Size];
        switch (socketAddress.Family)
        {
            case AddressFamily.InterNetwork when raw.Length >= SockaddrIPv4Offset + IPv4Size:
                address = FromIPv4(
                    raw.Slice(SockaddrIPv4Offset, IPv4Size),
                    BinaryPrimitives.ReadUInt16BigEndian(raw[SockaddrPortOffset..]));
                return true;
            case AddressFamily.InterNetworkV6 when raw.Length >= SockaddrIPv6Offset + IPv6Size:
                address = FromIPv6(
                    raw.Slice(SockaddrIPv6Offset, IPv6Size),
                    BinaryPrimitives.ReadUInt16BigEndian(raw[SockaddrPortOffset..]));
                return true;
            default:
                address = default;
                return false;
        }
    }

    /// <summary>From an endpoint (no allocation).</summary>
    public static TransportAddress FromEndPoint(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        Span<byte> bytes = stackalloc byte[IPv6Size];
        if (!endPoint.Address.TryWriteBytes(bytes, out int written))
        {
            throw new ArgumentException("Unsupported address.", nameof(endPoint));
        }

        return written == IPv4Size
            ? FromIPv4(bytes[..IPv4Size], (ushort)endPoint.Port)
            : FromIPv6(bytes[..IPv6Size], (ushort)endPoint.Port);
    }

    /// <summary>Writes the address bytes in network order; returns 4, 16, or 0 when unset.</summary>
    public int WriteAddressBytes(Span<byte> destination)
    {
        switch (Family)
        {
            case AddressFamily.InterNetwork:
                BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)(_high >> 32));
                return IPv4Size;
            case AddressFamily.InterNetworkV6:
                BinaryPrimitives.WriteUInt64BigEndian(destination, _high);
                BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _low);
                return IPv6Size;
            default:
                return 0;
        }
    }

    /// <summary>An endpoint object (allocates: for setup paths, logs and tests).</summary>
    public IPEndPoint ToIPEndPoint()
    {
        Span<byte> bytes = stackalloc byte[IPv6Size];
        int size = WriteAddressBytes(bytes);
        return size == 0 ? new IPEndPoint(IPAddress.None, 0) : new IPEndPoint(new IPAddress(bytes[..size]), Port);
    }

    public override string ToString() => Family == AddressFamily.Unspecified ? "(none)" : ToIPEndPoint().ToString();
}
