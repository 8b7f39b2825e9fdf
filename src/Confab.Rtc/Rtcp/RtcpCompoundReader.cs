namespace Confab.Rtc.Rtcp;

/// <summary>
/// Walks the packets of an RTCP compound packet (RFC 3550 §6.1). Every packet's header is
/// validated before it is returned (<see cref="RtcpPacket.TryRead"/>); at the first bad one
/// iteration stops with <see cref="IsMalformed"/> set, since nothing after it can be located.
/// Packets of unknown types are returned like any other; callers skip what they do not know.
/// </summary>
public ref struct RtcpCompoundReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public RtcpCompoundReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
        IsMalformed = false;
    }

    /// <summary>True once a packet header could not be read (truncated, wrong version, length or padding past the end).</summary>
    public bool IsMalformed { get; private set; }

    /// <summary>True when every byte was consumed by well-formed packets.</summary>
    public readonly bool IsComplete => !IsMalformed && _position == _data.Length;

    /// <summary>Offset of the next packet.</summary>
    public readonly int Position => _position;

    /// <summary>Reads the next packet. False at the end of the data or at a malformed packet (see <see cref="IsMalformed"/>).</summary>
    public bool TryReadNext(out RtcpPacket packet)
    {
        packet = default;
        if (IsMalformed || _position >= _data.Length)
        {
            return false;
        }

        if (!RtcpPacket.TryRead(_data[_position..], out packet))
        {
            IsMalformed = true;
            return false;
        }

        _position += packet.Packet.Length;
        return true;
    }

    /// <summary>Validates a whole compound packet: every header well-formed, lengths adding up exactly.</summary>
    public static bool IsWellFormed(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return false;
        }

        var reader = new RtcpCompoundReader(data);
        while (reader.TryReadNext(out _))
        {
        }

        return reader.IsComplete;
    }
}
