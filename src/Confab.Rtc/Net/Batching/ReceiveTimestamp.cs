using System.Buffers.Binary;

namespace Confab.Rtc.Net.Batching;

/// <summary>
/// The kernel's receive timestamp of a datagram (socket(7) SO_TIMESTAMPNS): a control message of level SOL_SOCKET and
/// type SCM_TIMESTAMPNS holding a struct timespec (two 64-bit fields on 64-bit Linux).
/// </summary>
internal static class ReceiveTimestamp
{
    public const int SolSocket = 1;
    public const int SoTimestampNs = 35; // SO_TIMESTAMPNS (= SCM_TIMESTAMPNS) on x86-64 and arm64
    private const int TimespecSize = 16;

    /// <summary>Nanoseconds since the Unix epoch, or 0 when <paramref name="control"/> holds no well-formed timestamp.</summary>
    public static long Read(ReadOnlySpan<byte> control)
    {
        if (!ControlMessages.TryFind(control, SolSocket, SoTimestampNs, out ReadOnlySpan<byte> time) || time.Length < TimespecSize)
        {
            return 0;
        }
        long seconds = BinaryPrimitives.ReadInt64LittleEndian(time);
        long nanoseconds = BinaryPrimitives.ReadInt64LittleEndian(time[8..]);
        return seconds > 0 && nanoseconds is >= 0 and < 1_000_000_000 ? (seconds * 1_000_000_000) + nanoseconds : 0;
    }

    /// <summary>Now on the same clock (CLOCK_REALTIME), in nanoseconds since the Unix epoch.</summary>
    public static long NowUnixNanoseconds() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
}
