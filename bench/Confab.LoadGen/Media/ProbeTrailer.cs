using System.Buffers.Binary;
using System.Diagnostics;

namespace Confab.LoadGen.Media;

/// <summary>
/// The measurement trailer at the end of every synthetic RTP payload: a per-stream packet counter and the
/// send time, so a receiver can count loss and reordering without trusting RTP sequence numbers (SFUs
/// rewrite those) and measure one-way delay (sender and receiver share this machine's monotonic clock).
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                  counter (64 bits, from 0)                    |
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           send time (64 bits, monotonic microseconds)         |
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                   magic 0x43464C47 ("CFLG")                   |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The payload's beginning stays free for the codec's own descriptor (VP8, RFC 7741), which SFUs read.
/// </summary>
public static class ProbeTrailer
{
    public const int Size = CounterBytes + SendTimeBytes + MagicBytes;
    public const uint Magic = 0x43464C47;

    private const int CounterBytes = 8;
    private const int SendTimeBytes = 8;
    private const int MagicBytes = 4;
    private const int SendTimeOffset = CounterBytes;
    private const int MagicOffset = CounterBytes + SendTimeBytes;

    /// <summary>The monotonic clock in microseconds (CLOCK_MONOTONIC on Linux: the same for every process of the machine).</summary>
    public static long NowMicroseconds() => TimestampToMicroseconds(Stopwatch.GetTimestamp());

    public static long TimestampToMicroseconds(long timestamp)
        => (long)((double)timestamp * 1_000_000 / Stopwatch.Frequency);

    /// <summary>Writes the trailer into the last <see cref="Size"/> bytes of <paramref name="payload"/>; false when it is shorter.</summary>
    public static bool TryWrite(Span<byte> payload, ulong counter, long sendTimeMicroseconds)
    {
        if (payload.Length < Size)
        {
            return false;
        }

        Span<byte> trailer = payload[^Size..];
        BinaryPrimitives.WriteUInt64BigEndian(trailer, counter);
        BinaryPrimitives.WriteInt64BigEndian(trailer[SendTimeOffset..], sendTimeMicroseconds);
        BinaryPrimitives.WriteUInt32BigEndian(trailer[MagicOffset..], Magic);
        return true;
    }

    /// <summary>Reads the trailer of a payload; false when it is too short or lacks the magic.</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out ulong counter, out long sendTimeMicroseconds)
    {
        counter = 0;
        sendTimeMicroseconds = 0;
        if (payload.Length < Size)
        {
            return false;
        }

        ReadOnlySpan<byte> trailer = payload[^Size..];
        if (BinaryPrimitives.ReadUInt32BigEndian(trailer[MagicOffset..]) != Magic)
        {
            return false;
        }

        counter = BinaryPrimitives.ReadUInt64BigEndian(trailer);
        sendTimeMicroseconds = BinaryPrimitives.ReadInt64BigEndian(trailer[SendTimeOffset..]);
        return true;
    }
}
