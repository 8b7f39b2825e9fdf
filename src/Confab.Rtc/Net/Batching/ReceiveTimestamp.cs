using System.Buffers.Binary;

namespace Confab.Rtc.Net.Batching;

/// <summary>
/// The kernel's receive timestamp of a datagram (socket(7) SO_TIMESTAMPNS): a control message of level SOL_SOCKET and
/// type SCM_TIMESTAMPNS holding a struct timespec. Read from the ancillary data of 64-bit Linux, where a cmsghdr is a
/// size_t length, an int level and an int type (16 octets), data and each next header aligned to 8.
/// </summary>
internal static class ReceiveTimestamp
{
    public const int SolSocket = 1;
    public const int SoTimestampNs = 35; // SO_TIMESTAMPNS (= SCM_TIMESTAMPNS) on x86-64 and arm64
    private const int HeaderSize = 16;
    private const int TimespecSize = 16;

    /// <summary>Nanoseconds since the Unix epoch, or 0 when <paramref name="control"/> holds no well-formed timestamp.</summary>
    public static long Read(ReadOnlySpan<byte> control)
    {
        int offset = 0;
        while (offset + HeaderSize <= control.Length)
        {
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(control[offset..]);
            int level = BinaryPrimitives.ReadInt32LittleEndian(control[(offset + 8)..]);
            int type = BinaryPrimitives.ReadInt32LittleEndian(control[(offset + 12)..]);
            if (length < HeaderSize || length > (ulong)(control.Length - offset))
            {
                return 0;
            }
            if (level == SolSocket && type == SoTimestampNs && length >= HeaderSize + TimespecSize)
            {
                long seconds = BinaryPrimitives.ReadInt64LittleEndian(control[(offset + HeaderSize)..]);
                long nanoseconds = BinaryPrimitives.ReadInt64LittleEndian(control[(offset + HeaderSize + 8)..]);
                return seconds > 0 && nanoseconds is >= 0 and < 1_000_000_000 ? (seconds * 1_000_000_000) + nanoseconds : 0;
            }
            offset += (int)((length + 7) & ~7UL);
        }
        return 0;
    }

    /// <summary>Now on the same clock (CLOCK_REALTIME), in nanoseconds since the Unix epoch.</summary>
    public static long NowUnixNanoseconds() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
}
