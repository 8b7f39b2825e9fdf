using System.Buffers.Binary;
using System.Net.Sockets;

namespace Confab.Rtc.Net.Batching;

/// <summary>
/// UDP receive coalescing (udp(7) UDP_GRO, Linux 5.0 and later), the receiving half of <see cref="SegmentedSends"/>:
/// a socket that asks for it may be handed several datagrams of one sender in one message, back to back, each of the
/// size a control message of level SOL_UDP and type UDP_GRO gives (an int) but the last, which may be shorter. The
/// kernel does so for a run a local sender segmented (it then never cuts the run at all) and for datagrams of one flow
/// a network card's receive offload merged; without the option it would cut both into single datagrams first, one
/// socket buffer each, at the cost of whichever core delivers them (on loopback, the sender's). The caller splits the
/// message again (<see cref="Split"/>), so its handlers see the same datagrams; its buffers must hold the largest
/// message, <see cref="MaxMessageSize"/>.
/// </summary>
internal static class CoalescedReceives
{
    private const int UdpGro = 104; // <linux/udp.h>

    /// <summary>Octets of one coalesced message at most: a UDP payload fits in 65,535 less the headers.</summary>
    public const int MaxMessageSize = 65_536;

    /// <summary>Asks the kernel to coalesce for <paramref name="socket"/>; false where it cannot (not Linux, an older kernel).</summary>
    public static bool TryEnable(Socket socket) => Set(socket, on: true);

    /// <summary>Stops coalescing (a socket falling back to one datagram per call cannot split messages).</summary>
    public static void Disable(Socket socket) => Set(socket, on: false);

    private static bool Set(Socket socket, bool on)
    {
        if (!ControlMessages.IsSupported)
        {
            return false;
        }
        try
        {
            socket.SetRawSocketOption(ControlMessages.SolUdp, UdpGro, [on ? (byte)1 : (byte)0, 0, 0, 0]);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The size of each datagram in a coalesced message, from its control messages; 0 when it holds one datagram.</summary>
    public static int SegmentSize(ReadOnlySpan<byte> control) =>
        ControlMessages.TryFind(control, ControlMessages.SolUdp, UdpGro, out ReadOnlySpan<byte> size) && size.Length >= sizeof(int)
            ? Math.Max(0, BinaryPrimitives.ReadInt32LittleEndian(size))
            : 0;

    /// <summary>
    /// How many datagrams a message of <paramref name="length"/> octets holds with segments of
    /// <paramref name="segmentSize"/> (0: one). Datagram k starts at k × <paramref name="segmentSize"/>.
    /// </summary>
    public static int Split(int length, int segmentSize) =>
        segmentSize <= 0 || segmentSize >= length ? 1 : (length + segmentSize - 1) / segmentSize;
}
