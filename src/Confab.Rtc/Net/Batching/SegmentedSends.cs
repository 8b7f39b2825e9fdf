namespace Confab.Rtc.Net.Batching;

/// <summary>
/// UDP segmentation offload for a send batch (udp(7) UDP_SEGMENT, Linux 4.18 and later): the datagrams of one batch
/// bound for the same address, all of one size but the last of them, which may be shorter, leave as one message
/// whose buffers the kernel cuts into those datagrams after a single trip down the stack (one route lookup, one
/// socket buffer, one pass through the device instead of one per datagram). An SFU sends a subscriber several
/// packets of a frame in one flush, so its sendmmsg(2) carries fewer, larger messages; receivers see the same
/// datagrams. Per destination the order is kept; across destinations a run leaves where its first datagram was.
/// Only 64-bit Linux (the control message layout below). When the kernel refuses a run, the batch sends the rest one
/// message per datagram; if the refused run's first datagram then goes out alone, segmentation was what the kernel
/// refused (no checksum offload on the route, an MTU below a segment, an old kernel) and <see cref="Disable"/> turns
/// it off for good; if it is refused alone too, the address was at fault and runs go on.
/// </summary>
internal sealed unsafe class SegmentedSends
{
    private const int UdpSegment = 103; // <linux/udp.h>

    // cmsg(3) on 64-bit Linux: a cmsghdr is a size_t length, an int level and an int type (16 octets); its data,
    // here the uint16 segment size, follows, and CMSG_SPACE rounds the whole up to 8.
    private const int ControlLength = ControlMessages.HeaderSize + sizeof(ushort); // CMSG_LEN(2)
    private const int ControlSpace = 24; // CMSG_SPACE(2)

    /// <summary>
    /// Datagrams larger than this leave one per message: each segment must fit the path's MTU, which is not known
    /// here, and 1,400 octets of payload fit Ethernet under IPv6 and most tunnels (RTP is packetized to ~1,200).
    /// </summary>
    public const int MaxSegmentSize = 1400;

    /// <summary>Octets of one run at most: an IP datagram, headers included, holds 65,535.</summary>
    public const int MaxRunBytes = 60_000;

    /// <summary>Segments of one run at most (UDP_MAX_SEGMENTS of the kernels that allow the fewest).</summary>
    public const int MaxSegments = 64;

    private readonly MMsgHdr[] _headers;
    private readonly IoVec[] _vectors;
    private readonly byte[] _control;
    private readonly int[] _slotOfVector;
    private readonly int[] _runOfSlot;
    private readonly int[] _runFirstSlot;
    private readonly int[] _runDatagrams;
    private readonly int[] _runBytes;
    private readonly int[] _runSegmentSize;
    private readonly int[] _runStart;
    private readonly bool[] _runClosed;
    private int _datagramCount; // of the batch Build last grouped

    public SegmentedSends(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _headers = GC.AllocateArray<MMsgHdr>(capacity, pinned: true);
        _vectors = GC.AllocateArray<IoVec>(capacity, pinned: true);
        _control = GC.AllocateArray<byte>(capacity * ControlSpace, pinned: true);
        _slotOfVector = new int[capacity];
        _runOfSlot = new int[capacity];
        _runFirstSlot = new int[capacity];
        _runDatagrams = new int[capacity];
        _runBytes = new int[capacity];
        _runSegmentSize = new int[capacity];
        _runStart = new int[capacity];
        _runClosed = new bool[capacity];
    }

    /// <summary>Whether this platform's layout is the one written here (64-bit Linux).</summary>
    public static bool IsSupported => ControlMessages.IsSupported;

    /// <summary>False once <see cref="Disable"/>d: every later batch goes one message per datagram.</summary>
    public bool Enabled { get; private set; } = true;

    /// <summary>The kernel refused segmentation itself (a run failed where its datagrams alone went out).</summary>
    public void Disable() => Enabled = false;

    /// <summary>The headers <see cref="Build"/> wrote; contiguous.</summary>
    public MMsgHdr* Headers => DatagramSlots.AddressOf(_headers);

    /// <summary>How many datagrams header <paramref name="header"/> carries (more than one: a run).</summary>
    public int Datagrams(int header) => (int)_headers[header].Header.IovLength;

    /// <summary>
    /// Groups the first <paramref name="count"/> slots into runs and writes one header per run. Returns the number of
    /// headers, or 0 when no two datagrams could share a message (the slots' own headers are then the cheaper call).
    /// </summary>
    public int Build(DatagramSlots slots, int count)
    {
        int runs = 0;
        for (int slot = 0; slot < count; slot++)
        {
            ref MsgHdr message = ref slots.Header(slot).Header;
            int length = (int)message.Iov->Length;
            int run = LatestRunTo(slots, slot, runs);
            if (run >= 0 && CanExtend(run, length))
            {
                _runOfSlot[slot] = run;
                _runDatagrams[run]++;
                _runBytes[run] += length;
                _runClosed[run] = length < _runSegmentSize[run];
                continue;
            }
            _runOfSlot[slot] = runs;
            _runFirstSlot[runs] = slot;
            _runDatagrams[runs] = 1;
            _runBytes[runs] = length;
            _runSegmentSize[runs] = length;
            _runClosed[runs] = length > MaxSegmentSize || length == 0;
            runs++;
        }
        if (runs == count)
        {
            return 0;
        }
        Lay(slots, count, runs);
        return runs;
    }

    private bool CanExtend(int run, int length) =>
        !_runClosed[run]
        && length > 0
        && length <= _runSegmentSize[run]
        && _runDatagrams[run] < MaxSegments
        && _runBytes[run] + length <= MaxRunBytes;

    // The newest run whose destination is this slot's: datagrams to one address keep their order.
    private int LatestRunTo(DatagramSlots slots, int slot, int runs)
    {
        ref MsgHdr message = ref slots.Header(slot).Header;
        int nameLength = (int)message.NameLength;
        ReadOnlySpan<byte> name = new(message.Name, nameLength);
        for (int run = runs - 1; run >= 0; run--)
        {
            ref MsgHdr first = ref slots.Header(_runFirstSlot[run]).Header;
            if ((int)first.NameLength == nameLength && name.SequenceEqual(new ReadOnlySpan<byte>(first.Name, nameLength)))
            {
                return run;
            }
        }
        return -1;
    }

    // Each run's buffers side by side in slot order, and its header: the first slot's address, the buffers, and the
    // segment size as a control message when it has more than one.
    private void Lay(DatagramSlots slots, int count, int runs)
    {
        int start = 0;
        for (int run = 0; run < runs; run++)
        {
            _runStart[run] = start;
            start += _runDatagrams[run];
        }
        IoVec* vectors = DatagramSlots.AddressOf(_vectors);
        byte* control = DatagramSlots.AddressOf(_control);
        for (int run = 0; run < runs; run++)
        {
            ref MsgHdr first = ref slots.Header(_runFirstSlot[run]).Header;
            ref MMsgHdr header = ref _headers[run];
            header.Length = 0;
            header.Header.Name = first.Name;
            header.Header.NameLength = first.NameLength;
            header.Header.Iov = vectors + _runStart[run];
            header.Header.IovLength = (nuint)_runDatagrams[run];
            header.Header.Flags = 0;
            if (_runDatagrams[run] > 1)
            {
                byte* message = control + (run * ControlSpace);
                *(ulong*)message = ControlLength;
                *(int*)(message + 8) = ControlMessages.SolUdp;
                *(int*)(message + 12) = UdpSegment;
                *(ushort*)(message + ControlMessages.HeaderSize) = (ushort)_runSegmentSize[run];
                header.Header.Control = message;
                header.Header.ControlLength = ControlSpace;
            }
            else
            {
                header.Header.Control = null;
                header.Header.ControlLength = 0;
            }
        }
        for (int slot = 0; slot < count; slot++)
        {
            int position = _runStart[_runOfSlot[slot]]++;
            vectors[position] = *slots.Header(slot).Header.Iov;
            _slotOfVector[position] = slot;
        }
        // _runStart now holds each run's end; back to starts for Split.
        for (int run = 0; run < runs; run++)
        {
            _runStart[run] -= _runDatagrams[run];
        }
        _datagramCount = count;
    }

    /// <summary>
    /// The kernel refused run <paramref name="header"/>: rewrites that header and the ones after it as one header per
    /// datagram (same order), for this batch. Returns the new number of headers.
    /// </summary>
    public int Split(DatagramSlots slots, int header)
    {
        IoVec* vectors = DatagramSlots.AddressOf(_vectors);
        int written = header;
        for (int position = _runStart[header]; position < _datagramCount; position++, written++)
        {
            ref MsgHdr slot = ref slots.Header(_slotOfVector[position]).Header;
            ref MMsgHdr single = ref _headers[written];
            single.Length = 0;
            single.Header.Name = slot.Name;
            single.Header.NameLength = slot.NameLength;
            single.Header.Iov = vectors + position;
            single.Header.IovLength = 1;
            single.Header.Control = null;
            single.Header.ControlLength = 0;
            single.Header.Flags = 0;
        }
        return written;
    }

    /// <summary>
    /// Whether <paramref name="error"/> (errno of a refused run) says the kernel or the route cannot segment:
    /// EINVAL, EIO, EMSGSIZE, ENOPROTOOPT, EOPNOTSUPP (udp_send_skb, udp_cmsg_send).
    /// </summary>
    public static bool IsRefusalOfSegmentation(int error) => error is 22 or 5 or 90 or 92 or 95;
}
