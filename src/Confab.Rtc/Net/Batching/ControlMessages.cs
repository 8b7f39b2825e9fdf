using System.Buffers.Binary;

namespace Confab.Rtc.Net.Batching;

/// <summary>
/// The ancillary data recvmsg(2) leaves (cmsg(3)) as 64-bit Linux lays it out: each control message is a cmsghdr of a
/// size_t length, an int level and an int type (16 octets), then its data; the next header starts at the length
/// rounded up to 8. A header whose length is shorter than itself or runs past the buffer ends the walk: nothing after
/// it can be trusted.
/// </summary>
internal static class ControlMessages
{
    public const int HeaderSize = 16;

    /// <summary>The level of UDP's own options and control messages (SOL_UDP, &lt;netinet/in.h&gt;).</summary>
    public const int SolUdp = 17;

    /// <summary>Whether this platform lays control messages out as written here (64-bit Linux).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() && IntPtr.Size == 8;

    /// <summary>The data of the first message of <paramref name="level"/> and <paramref name="type"/>; false when none.</summary>
    public static bool TryFind(ReadOnlySpan<byte> control, int level, int type, out ReadOnlySpan<byte> data)
    {
        int offset = 0;
        while (offset + HeaderSize <= control.Length)
        {
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(control[offset..]);
            if (length < HeaderSize || length > (ulong)(control.Length - offset))
            {
                break;
            }
            if (BinaryPrimitives.ReadInt32LittleEndian(control[(offset + 8)..]) == level
                && BinaryPrimitives.ReadInt32LittleEndian(control[(offset + 12)..]) == type)
            {
                data = control.Slice(offset + HeaderSize, (int)length - HeaderSize);
                return true;
            }
            offset += (int)((length + 7) & ~7UL);
        }
        data = default;
        return false;
    }
}
