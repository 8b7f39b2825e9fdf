using System.Buffers.Binary;

namespace Confab.Client.Media;

/// <summary>
/// Confab's measurement header, carried inside every synthetic payload right after the codec's own
/// descriptor and header, so that a receiver measures one-way delay and loss per stream.
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     magic 0xCF      |  version 1  |   send time, Unix µs ...    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                  ... send time (64 bits, big endian) ...        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |    ... send time            |  per-stream packet counter ...   |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |    ... counter (32 bits)    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public readonly record struct MediaProbe(long SendTimeUnixMicros, uint Counter)
{
    /// <summary>Bytes the probe occupies.</summary>
    public const int Length = 14;

    private const byte Magic = 0xCF;
    private const byte Version = 1;
    private const int MagicOffset = 0;
    private const int VersionOffset = 1;
    private const int SendTimeOffset = 2;
    private const int CounterOffset = 10;

    /// <summary>Reads a probe at the start of <paramref name="data"/>; false when too short or not ours.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out MediaProbe probe)
    {
        probe = default;
        if (data.Length < Length || data[MagicOffset] != Magic || data[VersionOffset] != Version)
        {
            return false;
        }

        probe = new MediaProbe(
            BinaryPrimitives.ReadInt64BigEndian(data[SendTimeOffset..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[CounterOffset..]));
        return true;
    }

    /// <summary>Writes the probe; returns <see cref="Length"/>, or 0 when <paramref name="destination"/> is too small.</summary>
    public int WriteTo(Span<byte> destination)
    {
        if (destination.Length < Length)
        {
            return 0;
        }

        destination[MagicOffset] = Magic;
        destination[VersionOffset] = Version;
        BinaryPrimitives.WriteInt64BigEndian(destination[SendTimeOffset..], SendTimeUnixMicros);
        BinaryPrimitives.WriteUInt32BigEndian(destination[CounterOffset..], Counter);
        return Length;
    }
}
