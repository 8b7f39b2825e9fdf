using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Confab.Rtc.Metrics;
using Confab.Rtc.Net.Batching;

namespace Confab.Rtc.Net;

/// <summary>
/// One thread serving many <see cref="UdpMediaSocket"/>s (Linux only, see <see cref="IsSupported"/>): epoll(7) says
/// which sockets hold datagrams, each is drained with non-blocking recvmmsg(2) batches and its handler runs on this
/// thread, what the handlers send leaves in sendmmsg(2) batches, and every socket ticks every
/// <see cref="UdpMediaSocket.TickInterval"/>. Made for a process with many sockets and few cores (the load
/// generator's hundreds of synthetic participants): one thread awake instead of one per socket, and a datagram that
/// arrives while the loop is busy costs its sender no wake-up of a sleeping thread. Pumps (<see cref="AddPump"/>)
/// run on the same thread, each at the time it asks for (media sources that send what is due and say when their next
/// packet is), between the sockets it serves and with a sub-millisecond wait when nothing else is to be done: a
/// hundred sources then send as a hundred independent senders would, each at its own moments, not all in one burst
/// on a common beat.
/// </summary>
public sealed unsafe class MediaIoLoop : IDisposable
{
    private const int MaxEvents = 128;

    private readonly int _epoll;
    private readonly Thread _thread;
    private readonly ConcurrentDictionary<long, UdpMediaSocket> _sockets = new();
    private readonly ConcurrentDictionary<long, Func<long>> _pumps = new();
    private readonly ConcurrentQueue<long> _addedPumps = new();
    private readonly PriorityQueue<long, long> _schedule = new(); // pump ids by due Stopwatch timestamp; loop thread only
    private readonly List<UdpMediaSocket> _pendingSends = []; // sockets the running pumps sent on; loop thread only
    private bool _runningPumps; // loop thread only
    private long _pumpFaults;
    private readonly byte* _events;
    private readonly Lock _epollGate = new(); // epoll_ctl against the close of the epoll descriptor
    private bool _epollClosed;
    private long _nextId;
    private volatile bool _stopping;

    /// <param name="name">The thread's name.</param>
    /// <param name="realtimePriority">
    /// SCHED_FIFO priority the thread asks for when it starts (1 to 99; 0: none), so that the process's other threads
    /// (signaling, timers, the runtime's) cannot hold its pumps off for a time slice; see <see cref="RealtimeScheduling"/>
    /// and <see cref="RealtimeRefusal"/>.
    /// </param>
    public MediaIoLoop(string name = "confab-io", int realtimePriority = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(realtimePriority);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(realtimePriority, RealtimeScheduling.MaxPriority);
        if (!IsSupported)
        {
            throw new PlatformNotSupportedException("MediaIoLoop needs epoll(7) and recvmmsg(2): Linux only.");
        }
        _realtimePriority = realtimePriority;
        _epoll = Epoll.Create(Epoll.CloseOnExec);
        if (_epoll < 0)
        {
            throw new InvalidOperationException($"epoll_create1 failed (errno {Marshal.GetLastPInvokeError()}).");
        }
        _events = (byte*)NativeMemory.Alloc((nuint)(MaxEvents * Epoll.EventSize));
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    private readonly int _realtimePriority;
    private readonly TaskCompletionSource<string?> _realtimeRefusal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Completes once the thread has started with why it runs without the real-time priority it asked for (null: it
    /// has it, or asked none).
    /// </summary>
    public Task<string?> RealtimeRefusal => _realtimeRefusal.Task;

    /// <summary>Whether this platform has what the loop needs (Linux: epoll, recvmmsg, sendmmsg).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <summary>How many sockets the loop serves.</summary>
    public int SocketCount => _sockets.Count;

    /// <summary>The longest a pump ran after it was due (the loop was busy or not scheduled).</summary>
    public long LongestPumpDelayMilliseconds => _pumpLateness.Max / 1000;

    /// <summary>
    /// How late pumps ran (µs after they were due) at quantile <paramref name="q"/>, since the last
    /// <see cref="ResetDelayStatistics"/>. Read from another thread while the loop records, a value may be one pump old.
    /// </summary>
    public long PumpLatenessMicroseconds(double q) => _pumpLateness.Quantile(q);

    private readonly LatencyHistogram _pumpLateness = new();
    private volatile bool _resetLateness;

    /// <summary>Forgets how late pumps ran so far (a new measuring window); the loop clears it before its next pump.</summary>
    public void ResetDelayStatistics() => _resetLateness = true;

    /// <summary>Pumps that threw (counted, never fatal to the loop).</summary>
    public long PumpFaults => Interlocked.Read(ref _pumpFaults);

    /// <summary>
    /// Runs <paramref name="pump"/> on the loop's thread, first at once, then whenever the <see cref="Stopwatch"/>
    /// timestamp it returned has come, until the returned registration is disposed. What a pump sends through the
    /// loop's sockets leaves right after it (with whatever other pumps due at the same moment sent), in one sendmmsg(2)
    /// per socket. A pump that throws is counted in <see cref="PumpFaults"/> and called again <see cref="FaultRetry"/> later.
    /// </summary>
    public IDisposable AddPump(Func<long> pump)
    {
        ArgumentNullException.ThrowIfNull(pump);
        ObjectDisposedException.ThrowIf(_stopping, this);
        long id = Interlocked.Increment(ref _nextId);
        _pumps[id] = pump;
        _addedPumps.Enqueue(id);
        return new PumpRegistration(this, id);
    }

    /// <summary>
    /// An idle loop sleeps until this long after the next pump is due, so that the pumps due within that time run
    /// together (the first up to this much late): a few thousand wake-ups a second for hundreds of sources instead of
    /// one per packet. A loop woken by datagrams runs due pumps at once.
    /// </summary>
    public static readonly TimeSpan PumpCoalescing = TimeSpan.FromMicroseconds(200);

    private static readonly long CoalescingTicks = (long)(PumpCoalescing.TotalSeconds * Stopwatch.Frequency);

    /// <summary>How long a pump that threw waits before it is called again.</summary>
    public static readonly TimeSpan FaultRetry = TimeSpan.FromMilliseconds(5);

    private sealed class PumpRegistration(MediaIoLoop loop, long id) : IDisposable
    {
        public void Dispose() => loop._pumps.TryRemove(id, out _);
    }

    /// <summary>
    /// The one receive batch of all the loop's sockets: each is read and its datagrams handled before the next is, on
    /// the loop's thread, so one set of slots serves them all (with room for coalesced messages, which per socket
    /// would take megabytes of each of hundreds).
    /// </summary>
    internal ReceiveBatch ReceiveBatch { get; } = new(UdpMediaSocket.ReceiveBatchSize, CoalescedReceives.MaxMessageSize);

    /// <summary>The managed id of the loop's thread, on which the sockets' handlers run.</summary>
    internal int ThreadId => _thread.ManagedThreadId;

    internal long Add(UdpMediaSocket socket, SafeSocketHandle handle)
    {
        ObjectDisposedException.ThrowIf(_stopping, this);
        long id = Interlocked.Increment(ref _nextId);
        _sockets[id] = socket;
        if (Control(Epoll.Add, handle, id) != 0)
        {
            int error = Marshal.GetLastPInvokeError();
            _sockets.TryRemove(id, out _);
            throw new InvalidOperationException($"epoll_ctl(ADD) failed (errno {error}).");
        }
        return id;
    }

    /// <summary>Takes a socket out of the set before it is closed (so a reused descriptor number is not confused with it).</summary>
    internal void Remove(long id, SafeSocketHandle handle)
    {
        if (_sockets.TryRemove(id, out _))
        {
            Control(Epoll.Delete, handle, id);
        }
    }

    private int Control(int operation, SafeSocketHandle handle, long id)
    {
        byte* eventBytes = stackalloc byte[16];
        Epoll.WriteEvent(eventBytes, Epoll.In, (ulong)id);
        bool referenced = false;
        try
        {
            handle.DangerousAddRef(ref referenced);
            lock (_epollGate)
            {
                return _epollClosed ? -1 : Epoll.Control(_epoll, operation, (int)handle.DangerousGetHandle(), eventBytes);
            }
        }
        catch (ObjectDisposedException)
        {
            return -1;
        }
        finally
        {
            if (referenced)
            {
                handle.DangerousRelease();
            }
        }
    }

    private void Run()
    {
        _realtimeRefusal.TrySetResult(RealtimeScheduling.TryEnterFifoIfAsked(_realtimePriority));
        long tickMs = (long)UdpMediaSocket.TickInterval.TotalMilliseconds;
        long nextTick = Environment.TickCount64 + tickMs;
        try
        {
            while (!_stopping)
            {
                int ready = Epoll.Wait(_epoll, _events, MaxEvents, WaitNanoseconds(nextTick));
                for (int i = 0; i < ready && !_stopping; i++)
                {
                    if (_sockets.TryGetValue((long)Epoll.ReadData(_events, i), out UdpMediaSocket? socket))
                    {
                        socket.ServeReadable();
                    }
                    RunDuePumps();
                }
                RunDuePumps();
                long now = Environment.TickCount64;
                if (now >= nextTick && !_stopping)
                {
                    nextTick = now + tickMs;
                    // Hundreds of sockets' ticks take milliseconds: pumps due meanwhile run between them, as between
                    // ready sockets, so that no source sends late and in a burst.
                    foreach (KeyValuePair<long, UdpMediaSocket> entry in _sockets)
                    {
                        entry.Value.ServeTick();
                        RunDuePumps();
                    }
                }
            }
        }
        finally
        {
            lock (_epollGate)
            {
                _epollClosed = true;
                Epoll.Close(_epoll);
            }
            NativeMemory.Free(_events);
        }
    }

    // Until the next tick or the next pump, whichever is first (0: due already).
    private long WaitNanoseconds(long nextTickMs)
    {
        long wait = Math.Clamp(nextTickMs - Environment.TickCount64, 0, (long)UdpMediaSocket.TickInterval.TotalMilliseconds) * 1_000_000;
        if (!_addedPumps.IsEmpty)
        {
            return 0;
        }
        if (_schedule.TryPeek(out _, out long due))
        {
            // Capped at a second before scaling (the tick comes sooner anyway): a pump due in years must not overflow.
            long ticks = Math.Min(due - Stopwatch.GetTimestamp(), Stopwatch.Frequency) + CoalescingTicks;
            long untilPump = ticks * 1_000_000_000 / Stopwatch.Frequency;
            wait = Math.Clamp(untilPump, 0, wait);
        }
        return wait;
    }

    /// <summary>
    /// On the loop's thread: a datagram was queued on <paramref name="socket"/>'s empty send batch. Only what pumps
    /// queue is remembered: a socket's handler and tick flush their own sends.
    /// </summary>
    internal void OnSendQueued(UdpMediaSocket socket)
    {
        if (_runningPumps)
        {
            _pendingSends.Add(socket);
        }
    }

    private void RunDuePumps()
    {
        long now = Stopwatch.GetTimestamp();
        while (_addedPumps.TryDequeue(out long added))
        {
            _schedule.Enqueue(added, now);
        }
        if (!_schedule.TryPeek(out _, out long firstDue) || firstDue > now)
        {
            return;
        }
        _runningPumps = true;
        while (!_stopping && _schedule.TryPeek(out long id, out long due) && due <= now)
        {
            _schedule.Dequeue();
            if (!_pumps.TryGetValue(id, out Func<long>? pump))
            {
                continue; // disposed
            }
            if (_resetLateness)
            {
                _resetLateness = false;
                _pumpLateness.Clear();
            }
            // The clock read again: pumps before this one in the round took their time too.
            long started = Stopwatch.GetTimestamp();
            _pumpLateness.Record((started - due) * 1_000_000 / Stopwatch.Frequency);
            long next;
            try
            {
                next = pump();
            }
            catch (Exception)
            {
                Interlocked.Increment(ref _pumpFaults);
                next = now + (long)(FaultRetry.TotalSeconds * Stopwatch.Frequency);
            }
            _schedule.Enqueue(id, Math.Max(next, now + 1));
        }
        _runningPumps = false;
        foreach (UdpMediaSocket socket in _pendingSends)
        {
            socket.FlushOnLoop();
        }
        _pendingSends.Clear();
    }

    /// <summary>Stops the thread; the sockets stay open (their owners dispose them).</summary>
    public void Dispose()
    {
        _stopping = true;
        if (Thread.CurrentThread != _thread && _thread.IsAlive)
        {
            _thread.Join(TimeSpan.FromSeconds(5));
        }
    }
}
