using System.Net;
using System.Net.Sockets;
using Confab.Rtc.Net.Batching;

namespace Confab.Rtc.Net;

/// <summary>
/// The one UDP socket of a media worker. A dedicated thread reads datagrams into reused buffers with one
/// reused <see cref="SocketAddress"/> (no allocation per datagram) and hands them to the handler on that thread,
/// so everything the handler owns is touched by one thread only and needs no lock.
/// On Linux the thread reads up to <see cref="ReceiveBatchSize"/> datagrams per recvmmsg(2) call, and what the
/// handler sends from that thread is copied into a batch sent with one sendmmsg(2) call: when the batch is full,
/// after each batch of received datagrams, after each tick and so always before the thread waits again. Sends from
/// any other thread are immediate <c>sendto</c> calls (the socket is thread-safe for them). Elsewhere, or where the
/// calls are missing, it reads and sends one datagram per call. A socket made with a <see cref="MediaIoLoop"/> has
/// no thread of its own: the loop's thread does the same for it and for many others. Batching sockets send runs to
/// one address as one segmented message (<see cref="Batching.SegmentedSends"/>) and take such runs whole
/// (<see cref="Batching.CoalescedReceives"/>), splitting them again before the handler sees them.
/// </summary>
public sealed class UdpMediaSocket : IDisposable
{
    public static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(20);

    internal const int ReceiveBatchSize = 32;
    internal const int SendBatchSize = 64;
    internal const int SendSlotSize = 1500;
    internal const int ReceiveBufferSize = 2048;
    private const int SocketBufferBytes = 4 * 1024 * 1024;

    private readonly Socket _socket;
    private readonly SafeSocketHandle _handle;
    private readonly IDatagramHandler _handler;
    private readonly Thread? _thread;
    private readonly MediaIoLoop? _loop;
    private readonly SocketAddress _loopSource;
    private long _loopId;
    private long _currentArrival; // kernel receive time of the datagram being handled (0: none or not measured)
    private ReceiveBatch? _receiveBatch;
    private SendBatch? _sendBatch;
    private int _threadId;
    private long _sendsDropped;
    private long _coalescedDatagrams;
    private bool _coalescing;
    private volatile bool _stopping;

    public UdpMediaSocket(IPEndPoint bindTo, IDatagramHandler handler)
        : this(bindTo, handler, batching: OperatingSystem.IsLinux())
    {
    }

    /// <summary>A socket served by <paramref name="loop"/>'s thread (Linux), which runs its handler.</summary>
    public UdpMediaSocket(IPEndPoint bindTo, IDatagramHandler handler, MediaIoLoop loop)
        : this(bindTo, handler, batching: true, loop ?? throw new ArgumentNullException(nameof(loop)))
    {
    }

    /// <summary>With <paramref name="batching"/> false, one datagram per system call on any platform.</summary>
    internal UdpMediaSocket(IPEndPoint bindTo, IDatagramHandler handler, bool batching, MediaIoLoop? loop = null)
    {
        ArgumentNullException.ThrowIfNull(bindTo);
        _handler = handler ?? throw new ArgumentNullException(nameof(handler));
        _socket = new Socket(bindTo.AddressFamily, SocketType.Dgram, ProtocolType.Udp)
        {
            ReceiveBufferSize = SocketBufferBytes,
            SendBufferSize = SocketBufferBytes,
            ReceiveTimeout = (int)TickInterval.TotalMilliseconds,
        };
        if (bindTo.AddressFamily == AddressFamily.InterNetworkV6)
        {
            _socket.DualMode = true;
        }
        _socket.Bind(bindTo);
        _handle = _socket.SafeHandle;
        if (batching)
        {
            _coalescing = CoalescedReceives.TryEnable(_socket);
            // A loop reads its sockets one at a time on its thread: they share its batch (room for coalesced messages).
            _receiveBatch = loop?.ReceiveBatch
                ?? new ReceiveBatch(ReceiveBatchSize, _coalescing ? CoalescedReceives.MaxMessageSize : ReceiveBufferSize);
            _sendBatch = new SendBatch(SendBatchSize, SendSlotSize);
        }
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _loop = loop;
        _loopSource = new SocketAddress(_socket.AddressFamily);
        if (loop is null)
        {
            _thread = new Thread(ReceiveLoop) { IsBackground = true, Name = $"confab-media-{LocalEndPoint.Port}" };
        }
    }

    /// <summary>The address the socket is bound to (with the real port when 0 was asked for).</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Datagrams the handler threw on (a bug: counted and logged by the owner, never fatal).</summary>
    public long HandlerFaults { get; private set; }

    /// <summary>The last exception a handler threw, for the owner's diagnostics.</summary>
    public Exception? LastHandlerFault { get; private set; }

    /// <summary>Whether the socket moves datagrams in batches (false until the thread finds the calls missing).</summary>
    internal bool IsBatching => _receiveBatch is not null;

    /// <summary>
    /// How long datagrams were held, from the kernel's receive timestamp of the datagram whose handling sent them to
    /// the return of the sendmmsg(2) that sent them (µs): the added latency of whatever the handler does, queueing in
    /// the socket included. Null unless <see cref="MeasureHoldTimes"/> turned it on. Written by the socket's thread.
    /// </summary>
    public Metrics.LatencyHistogram? HoldTimes { get; private set; }

    /// <summary>
    /// Turns on <see cref="HoldTimes"/> (before <see cref="Start"/>): asks the kernel to timestamp each received
    /// datagram (SO_TIMESTAMPNS). Only with batching on 64-bit Linux; false where it cannot be measured.
    /// </summary>
    public bool MeasureHoldTimes()
    {
        if (_receiveBatch is null || !ControlMessages.IsSupported)
        {
            return false;
        }
        try
        {
            _socket.SetRawSocketOption(ReceiveTimestamp.SolSocket, ReceiveTimestamp.SoTimestampNs, [1, 0, 0, 0]);
        }
        catch (SocketException)
        {
            return false;
        }
        HoldTimes = new Metrics.LatencyHistogram();
        return true;
    }

    /// <summary>
    /// SCHED_FIFO priority the socket's own thread asks for when it starts (1 to 99; 0, the default: none). Set before
    /// <see cref="Start"/>; a socket served by a <see cref="MediaIoLoop"/> has no thread of its own.
    /// See <see cref="RealtimeScheduling"/>.
    /// </summary>
    public int RealtimePriority
    {
        get;
        set => field = value is >= 0 and <= RealtimeScheduling.MaxPriority
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "0 (none) to 99.");
    }

    /// <summary>
    /// Completes once the thread has started with why it runs without the <see cref="RealtimePriority"/> it asked for
    /// (null: it has it, or asked none).
    /// </summary>
    public Task<string?> RealtimeRefusal => _realtimeRefusal.Task;

    private readonly TaskCompletionSource<string?> _realtimeRefusal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Queued datagrams the kernel refused twice in a row, and so dropped.</summary>
    public long SendsDropped => Interlocked.Read(ref _sendsDropped);

    /// <summary>
    /// Datagrams that left in runs of two or more to one address (UDP segmentation, see
    /// <see cref="Batching.SegmentedSends"/>); 0 where the kernel does not segment. Written by the socket's thread.
    /// </summary>
    public long SegmentedDatagrams => _sendBatch?.SegmentedDatagrams ?? 0;

    /// <summary>
    /// Datagrams that arrived coalesced with others of their sender in one message and were split again
    /// (<see cref="Batching.CoalescedReceives"/>); 0 where the kernel does not coalesce. Written by the socket's thread.
    /// </summary>
    public long CoalescedDatagrams => Volatile.Read(ref _coalescedDatagrams);

    /// <summary>Whether the kernel may hand this socket several datagrams of one sender in one message.</summary>
    internal bool IsCoalescing => _coalescing;

    public void Start()
    {
        if (_loop is { } loop)
        {
            _realtimeRefusal.TrySetResult(null);
            _threadId = loop.ThreadId;
            _loopId = loop.Add(this, _handle);
            return;
        }
        _thread!.Start();
    }

    /// <summary>
    /// Sends one datagram. On the socket's thread with batching on, it is copied into the send batch and true means
    /// queued (<see cref="SendsDropped"/> counts what the kernel refuses later); otherwise it is sent now and false
    /// means the kernel refused it (buffer full, unreachable). A datagram larger than a batch slot is sent now,
    /// after the datagrams queued before it.
    /// </summary>
    public bool Send(ReadOnlySpan<byte> datagram, SocketAddress destination)
    {
        if (Environment.CurrentManagedThreadId == _threadId && _sendBatch is { } batch)
        {
            bool wasEmpty = batch.Count == 0;
            if (destination.Family == _socket.AddressFamily && batch.TryAdd(datagram, destination, _currentArrival))
            {
                if (wasEmpty)
                {
                    _loop?.OnSendQueued(this); // what a pump sends leaves right after it
                }
                if (batch.IsFull)
                {
                    Flush();
                }
                return true;
            }
            Flush();
        }
        return SendNow(datagram, destination);
    }

    private bool SendNow(ReadOnlySpan<byte> datagram, SocketAddress destination)
    {
        try
        {
            return _socket.SendTo(datagram, SocketFlags.None, destination) == datagram.Length;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (Environment.CurrentManagedThreadId == _threadId)
        {
            Flush();
        }
        _stopping = true;
        if (_loop is { } loop && _loopId != 0)
        {
            loop.Remove(_loopId, _handle);
        }
        _socket.Dispose();
        if (_thread is { IsAlive: true } && Thread.CurrentThread != _thread)
        {
            _thread.Join(TimeSpan.FromSeconds(5));
        }
    }

    private void ReceiveLoop()
    {
        _threadId = Environment.CurrentManagedThreadId;
        _realtimeRefusal.TrySetResult(RealtimeScheduling.TryEnterFifoIfAsked(RealtimePriority));
        var source = new SocketAddress(_socket.AddressFamily);
        byte[]? buffer = null;
        long nextTick = Environment.TickCount64 + (long)TickInterval.TotalMilliseconds;
        while (!_stopping)
        {
            bool tickNow;
            if (_receiveBatch is { } batch)
            {
                tickNow = ReceiveBatched(batch, source);
            }
            else
            {
                buffer ??= GC.AllocateUninitializedArray<byte>(ReceiveBufferSize, pinned: true);
                tickNow = ReceiveOne(buffer, source);
            }
            if (_stopping)
            {
                break;
            }
            Flush();
            long now = Environment.TickCount64;
            if (tickNow || now >= nextTick)
            {
                nextTick = now + (long)TickInterval.TotalMilliseconds;
                Tick();
                Flush();
            }
        }
    }

    // At most this many full batches per readiness, so that one busy socket does not starve the loop's others
    // (epoll reports it again while datagrams remain).
    private const int LoopBatchesPerReadiness = 4;

    /// <summary>On the loop's thread: the socket has datagrams. Reads what is queued, then flushes the sends.</summary>
    internal void ServeReadable()
    {
        if (_receiveBatch is not { } batch)
        {
            return;
        }
        for (int round = 0; round < LoopBatchesPerReadiness && !_stopping; round++)
        {
            if (batch.Receive(_handle, wait: false) != BatchStatus.Done)
            {
                break;
            }
            if (DispatchBatch(batch, _loopSource))
            {
                Tick();
            }
            if (batch.Count < batch.Capacity)
            {
                break;
            }
        }
        Flush();
    }

    /// <summary>On the loop's thread, after its pumps ran: sends what they queued.</summary>
    internal void FlushOnLoop()
    {
        if (!_stopping)
        {
            Flush();
        }
    }

    /// <summary>On the loop's thread, every <see cref="TickInterval"/>.</summary>
    internal void ServeTick()
    {
        if (!_stopping)
        {
            Tick();
            Flush();
        }
    }

    // One recvmmsg(2) call, each datagram dispatched in arrival order. True when the handler should tick now:
    // nothing arrived (timeout, error) or an empty datagram (Wake) was among them.
    private bool ReceiveBatched(ReceiveBatch batch, SocketAddress source)
    {
        BatchStatus status = batch.Receive(_handle);
        if (status == BatchStatus.Unsupported)
        {
            UseSingleDatagramCalls();
            return true;
        }
        if (status != BatchStatus.Done)
        {
            return true;
        }
        return DispatchBatch(batch, source);
    }

    // Each datagram of the last batch in arrival order, coalesced ones split again; true when an empty one (Wake)
    // was among them.
    private bool DispatchBatch(ReceiveBatch batch, SocketAddress source)
    {
        bool tickNow = false;
        bool timed = HoldTimes is not null;
        for (int i = 0; i < batch.Count && !_stopping; i++)
        {
            if (!batch.TryGet(i, source, out Span<byte> message))
            {
                continue; // cut to the slot (MSG_TRUNC): dropped, a cut SRTP packet could not authenticate anyway
            }
            if (message.IsEmpty)
            {
                tickNow = true;
                continue;
            }
            _currentArrival = timed ? batch.ArrivalUnixNanoseconds(i) : 0;
            int segmentSize = _coalescing ? batch.SegmentSize(i) : 0;
            int datagrams = CoalescedReceives.Split(message.Length, segmentSize);
            if ((datagrams == 1 ? message.Length : segmentSize) > ReceiveBufferSize)
            {
                continue; // larger than a datagram may be here, as when a slot of that size cuts it: dropped
            }
            if (datagrams == 1)
            {
                Dispatch(message, source);
                continue;
            }
            _coalescedDatagrams += datagrams;
            for (int offset = 0; offset < message.Length && !_stopping; offset += segmentSize)
            {
                Dispatch(message.Slice(offset, Math.Min(segmentSize, message.Length - offset)), source);
            }
        }
        _currentArrival = 0; // what ticks send was caused by no datagram
        return tickNow;
    }

    private bool ReceiveOne(byte[] buffer, SocketAddress source)
    {
        int length = Receive(buffer, source);
        if (length > 0 && !_stopping)
        {
            Dispatch(buffer.AsSpan(0, length), source);
        }
        return length <= 0;
    }

    private void Flush()
    {
        if (_sendBatch is not { Count: > 0 } batch)
        {
            return;
        }
        int dropped = batch.Flush(_handle, out BatchStatus status, HoldTimes);
        if (dropped > 0)
        {
            Interlocked.Add(ref _sendsDropped, dropped);
        }
        if (status == BatchStatus.Unsupported)
        {
            UseSingleDatagramCalls();
        }
    }

    private void UseSingleDatagramCalls()
    {
        if (_coalescing)
        {
            _coalescing = false;
            CoalescedReceives.Disable(_socket); // one datagram per call could not tell where coalesced ones part
        }
        _receiveBatch = null;
        _sendBatch = null;
    }

    /// <summary>Wakes the receive thread so it ticks now (an empty datagram to itself).</summary>
    public void Wake()
    {
        var self = LocalEndPoint.Address.Equals(IPAddress.Any) ? new IPEndPoint(IPAddress.Loopback, LocalEndPoint.Port)
            : LocalEndPoint.Address.Equals(IPAddress.IPv6Any) ? new IPEndPoint(IPAddress.IPv6Loopback, LocalEndPoint.Port)
            : LocalEndPoint;
        try
        {
            _socket.SendTo([], self);
        }
        catch (SocketException)
        {
            // The periodic tick still comes.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    // Returns the datagram length, 0 for an empty or refused datagram, -1 on timeout.
    private int Receive(byte[] buffer, SocketAddress source)
    {
        try
        {
            return _socket.ReceiveFrom(buffer, SocketFlags.None, source);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
        {
            return -1;
        }
        catch (SocketException)
        {
            return 0; // e.g. ICMP port unreachable reported on the socket: not fatal
        }
        catch (ObjectDisposedException)
        {
            return 0;
        }
    }

    private void Dispatch(Span<byte> datagram, SocketAddress source)
    {
        try
        {
            _handler.OnDatagram(datagram, source);
        }
        catch (Exception e)
        {
            HandlerFaults++;
            LastHandlerFault = e;
        }
    }

    private void Tick()
    {
        try
        {
            _handler.OnTick();
        }
        catch (Exception e)
        {
            HandlerFaults++;
            LastHandlerFault = e;
        }
    }
}
