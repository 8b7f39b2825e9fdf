using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Confab.Rtc.Net.Batching;

/// <summary>
/// Reads up to <see cref="DatagramSlots.Capacity"/> datagrams with one recvmmsg(2) call: blocking (MSG_WAITFORONE:
/// waits for the first, up to the socket's receive timeout, then takes what is queued) or not (MSG_DONTWAIT: what
/// is queued, for a socket an epoll loop found readable). The datagrams stay in the slots until the next call.
/// Each slot keeps the message's control messages: its receive timestamp (<see cref="ReceiveTimestamp"/>) where the
/// socket asked for them, and the segment size of a coalesced message (<see cref="CoalescedReceives"/>).
/// </summary>
internal sealed unsafe class ReceiveBatch
{
    private readonly DatagramSlots _slots;

    // Room for a cmsghdr with a struct timespec (16 + 16 octets on 64-bit Linux) and one with an int (16 + 4, 24
    // aligned), with some to spare.
    private const int ControlSize = 64;

    /// <param name="slotSize">Octets of one message at most: a datagram, or <see cref="CoalescedReceives.MaxMessageSize"/>
    /// for a socket whose messages may be coalesced.</param>
    public ReceiveBatch(int capacity, int slotSize) => _slots = new DatagramSlots(capacity, slotSize, ControlSize);

    /// <summary>Octets of one message at most.</summary>
    public int SlotSize => _slots.SlotSize;

    /// <summary>How many datagrams one call reads at most.</summary>
    public int Capacity => _slots.Capacity;

    /// <summary>How many datagrams the last <see cref="Receive"/> read.</summary>
    public int Count { get; private set; }

    public BatchStatus Receive(SafeSocketHandle socket, bool wait = true)
    {
        Count = 0;
        for (int i = 0; i < _slots.Capacity; i++)
        {
            _slots.ResetForReceive(i);
        }
        bool referenced = false;
        int received;
        int error;
        try
        {
            socket.DangerousAddRef(ref referenced);
            received = Libc.RecvMMsg((int)socket.DangerousGetHandle(), _slots.Headers, (uint)_slots.Capacity,
                wait ? Libc.MsgWaitForOne : Libc.MsgDontWait, 0);
            error = received < 0 ? Marshal.GetLastPInvokeError() : 0;
        }
        catch (ObjectDisposedException)
        {
            return BatchStatus.Closed;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return BatchStatus.Unsupported;
        }
        finally
        {
            if (referenced)
            {
                socket.DangerousRelease();
            }
        }
        if (received > 0)
        {
            Count = received;
            return BatchStatus.Done;
        }
        return error switch
        {
            Libc.EAgain or Libc.EIntr => BatchStatus.TimedOut,
            Libc.ENoSys => BatchStatus.Unsupported,
            _ => BatchStatus.Failed,
        };
    }

    /// <summary>
    /// Datagram <paramref name="index"/> of the last call and its source, written into the caller's reused
    /// <paramref name="source"/>; false for a datagram truncated to the slot or an address that does not fit.
    /// </summary>
    public bool TryGet(int index, SocketAddress source, out Span<byte> datagram)
    {
        datagram = default;
        ref MMsgHdr message = ref _slots.Header(index);
        int nameLength = (int)message.Header.NameLength;
        Memory<byte> target = source.Buffer;
        if ((message.Header.Flags & Libc.MsgTrunc) != 0 || nameLength < sizeof(ushort)
            || nameLength > target.Length || nameLength > SockAddrStorage.Size)
        {
            return false;
        }
        _slots.Name(index)[..nameLength].CopyTo(target.Span);
        source.Size = nameLength;
        datagram = _slots.Data(index)[..(int)message.Length];
        return true;
    }

    /// <summary>
    /// When the kernel received datagram <paramref name="index"/> of the last call (CLOCK_REALTIME, nanoseconds since
    /// the Unix epoch), from its SCM_TIMESTAMPNS control message; 0 when it carries none.
    /// </summary>
    public long ArrivalUnixNanoseconds(int index) => ReceiveTimestamp.Read(_slots.Control(index));

    /// <summary>
    /// The size of each datagram in message <paramref name="index"/> of the last call when the kernel coalesced
    /// several (the last may be shorter); 0 when it holds one.
    /// </summary>
    public int SegmentSize(int index) => CoalescedReceives.SegmentSize(_slots.Control(index));
}
