using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Confab.Rtc.Net.Batching;

/// <summary>
/// Datagrams queued by the socket's own thread, copied (data and destination) into fixed slots and sent with
/// sendmmsg(2) by <see cref="Flush"/>. The caller's buffers are free again as soon as <see cref="TryAdd"/> returns.
/// Where the kernel segments (<see cref="SegmentedSends"/>), datagrams of a batch to one address leave as runs.
/// </summary>
internal sealed unsafe class SendBatch
{
    private readonly DatagramSlots _slots;
    private readonly long[] _arrivals;
    private readonly SegmentedSends? _segmented;

    public SendBatch(int capacity, int slotSize, bool segmentation = true)
    {
        _slots = new DatagramSlots(capacity, slotSize);
        _arrivals = new long[capacity];
        _segmented = segmentation && SegmentedSends.IsSupported ? new SegmentedSends(capacity) : null;
    }

    /// <summary>Whether batches still go out in runs (false: not supported here, turned off, or refused once).</summary>
    public bool IsSegmenting => _segmented is { Enabled: true };

    /// <summary>Datagrams that left as part of a run of two or more (UDP segmentation), since the batch was made.</summary>
    public long SegmentedDatagrams { get; private set; }

    public int Count { get; private set; }

    public bool IsFull => Count == _slots.Capacity;

    public int SlotSize => _slots.SlotSize;

    /// <summary>
    /// Copies one datagram into the next slot; false when the batch is full or it does not fit a slot.
    /// <paramref name="arrivalUnixNanoseconds"/>: when the datagram that caused this one was received (0: none), for
    /// the hold time <see cref="Flush"/> records.
    /// </summary>
    public bool TryAdd(ReadOnlySpan<byte> datagram, SocketAddress destination, long arrivalUnixNanoseconds = 0)
    {
        int nameLength = destination.Size;
        if (IsFull || datagram.Length > _slots.SlotSize || nameLength > SockAddrStorage.Size)
        {
            return false;
        }
        int slot = Count;
        datagram.CopyTo(_slots.Data(slot));
        destination.Buffer.Span[..nameLength].CopyTo(_slots.Name(slot));
        _slots.SetForSend(slot, datagram.Length, nameLength);
        _arrivals[slot] = arrivalUnixNanoseconds;
        Count = slot + 1;
        return true;
    }

    /// <summary>
    /// Sends every queued datagram and empties the batch. A short result means the kernel refused the datagram it
    /// stopped at: the rest is sent again once from there, and a datagram refused twice in a row is dropped.
    /// Returns how many were dropped (all that remained when the socket is closed or the call is missing).
    /// With <paramref name="holdTimes"/>, records for each datagram added with an arrival time how long it was held:
    /// from that arrival to now, when the call returned (microseconds).
    /// </summary>
    public int Flush(SafeSocketHandle socket, out BatchStatus status, Metrics.LatencyHistogram? holdTimes = null)
    {
        int count = Count;
        int dropped = Send(socket, count, out status);
        if (holdTimes is not null)
        {
            long now = ReceiveTimestamp.NowUnixNanoseconds();
            for (int i = 0; i < count; i++)
            {
                if (_arrivals[i] > 0)
                {
                    holdTimes.Record((now - _arrivals[i]) / 1000);
                }
            }
        }
        return dropped;
    }

    private int Send(SafeSocketHandle socket, int count, out BatchStatus status)
    {
        status = BatchStatus.Done;
        Count = 0;
        SegmentedSends? runs = _segmented is { Enabled: true } segmented && count > 1 ? segmented : null;
        int headerCount = runs?.Build(_slots, count) ?? 0;
        if (headerCount == 0)
        {
            runs = null;
            headerCount = count;
        }
        MMsgHdr* headers = runs is null ? _slots.Headers : runs.Headers;
        int next = 0;
        int dropped = 0;
        bool refusedHere = false;
        int splitAt = -1; // where a refused run was split into single datagrams
        while (next < headerCount)
        {
            int sent = Send(socket, headers + next, headerCount - next, out int error, out BatchStatus callStatus);
            if (callStatus is BatchStatus.Closed or BatchStatus.Unsupported)
            {
                status = callStatus;
                return dropped + DatagramsFrom(runs, next, headerCount);
            }
            if (sent < 0 && error == Libc.EIntr)
            {
                continue;
            }
            if (sent > 0)
            {
                if (runs is not null)
                {
                    if (next == splitAt)
                    {
                        runs.Disable(); // its first datagram went out alone: the run was refused for being one
                    }
                    CountSegmented(runs, next, sent);
                }
                next += sent;
                if (next == headerCount)
                {
                    break;
                }
            }
            else if (runs is not null && runs.Datagrams(next) > 1 && SegmentedSends.IsRefusalOfSegmentation(error))
            {
                headerCount = runs.Split(_slots, next); // the same datagrams, one message each, from here on
                splitAt = next;
                refusedHere = false;
                continue;
            }
            else if (refusedHere)
            {
                dropped += runs?.Datagrams(next) ?? 1;
                next++;
                refusedHere = false;
                continue;
            }
            refusedHere = true;
        }
        if (dropped > 0)
        {
            status = BatchStatus.Failed;
        }
        return dropped;
    }

    private static int DatagramsFrom(SegmentedSends? runs, int first, int headerCount)
    {
        if (runs is null)
        {
            return headerCount - first;
        }
        int datagrams = 0;
        for (int header = first; header < headerCount; header++)
        {
            datagrams += runs.Datagrams(header);
        }
        return datagrams;
    }

    private void CountSegmented(SegmentedSends runs, int first, int sent)
    {
        for (int header = first; header < first + sent; header++)
        {
            int datagrams = runs.Datagrams(header);
            if (datagrams > 1)
            {
                SegmentedDatagrams += datagrams;
            }
        }
    }

    private static int Send(SafeSocketHandle socket, MMsgHdr* headers, int count, out int error, out BatchStatus status)
    {
        error = 0;
        status = BatchStatus.Done;
        bool referenced = false;
        try
        {
            socket.DangerousAddRef(ref referenced);
            int sent = Libc.SendMMsg((int)socket.DangerousGetHandle(), headers, (uint)count, 0);
            if (sent < 0)
            {
                error = Marshal.GetLastPInvokeError();
                if (error == Libc.ENoSys)
                {
                    status = BatchStatus.Unsupported;
                }
            }
            return sent;
        }
        catch (ObjectDisposedException)
        {
            status = BatchStatus.Closed;
            return -1;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            status = BatchStatus.Unsupported;
            return -1;
        }
        finally
        {
            if (referenced)
            {
                socket.DangerousRelease();
            }
        }
    }
}
