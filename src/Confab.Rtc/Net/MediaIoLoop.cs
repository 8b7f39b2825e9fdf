using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Confab.Rtc.Net.Batching;

namespace Confab.Rtc.Net;

/// <summary>
/// One thread serving many <see cref="UdpMediaSocket"/>s (Linux only, see <see cref="IsSupported"/>): epoll(7) says
/// which sockets hold datagrams, each is drained with non-blocking recvmmsg(2) batches and its handler runs on this
/// thread, what the handlers send leaves in sendmmsg(2) batches, and every socket ticks every
/// <see cref="UdpMediaSocket.TickInterval"/>. Made for a process with many sockets and few cores (the load
/// generator's hundreds of synthetic participants): one thread awake instead of one per socket, and a datagram that
/// arrives while the loop is busy costs its sender no wake-up of a sleeping thread. Pumps (<see cref="AddPump"/>)
/// run on the same thread every <see cref="PumpInterval"/>: media sources that send what is due, so that sending
/// too needs no thread of its own and leaves in batches.
/// </summary>
public sealed unsafe class MediaIoLoop : IDisposable
{
    /// <summary>How often the pumps run.</summary>
    public static readonly TimeSpan PumpInterval = TimeSpan.FromMilliseconds(5);

    private const int MaxEvents = 128;

    private readonly int _epoll;
    private readonly Thread _thread;
    private readonly ConcurrentDictionary<long, UdpMediaSocket> _sockets = new();
    private readonly ConcurrentDictionary<long, Action> _pumps = new();
    private long _pumpFaults;
    private readonly byte* _events;
    private readonly Lock _epollGate = new(); // epoll_ctl against the close of the epoll descriptor
    private bool _epollClosed;
    private long _nextId;
    private volatile bool _stopping;

    public MediaIoLoop(string name = "confab-io")
    {
        if (!IsSupported)
        {
            throw new PlatformNotSupportedException("MediaIoLoop needs epoll(7) and recvmmsg(2): Linux only.");
        }
        _epoll = Epoll.Create(Epoll.CloseOnExec);
        if (_epoll < 0)
        {
            throw new InvalidOperationException($"epoll_create1 failed (errno {Marshal.GetLastPInvokeError()}).");
        }
        _events = (byte*)NativeMemory.Alloc((nuint)(MaxEvents * Epoll.EventSize));
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Whether this platform has what the loop needs (Linux: epoll, recvmmsg, sendmmsg).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <summary>How many sockets the loop serves.</summary>
    public int SocketCount => _sockets.Count;

    /// <summary>The longest a pump round started after it was due (the loop was busy or not scheduled).</summary>
    public long LongestPumpDelayMilliseconds { get; private set; }

    /// <summary>Forgets <see cref="LongestPumpDelayMilliseconds"/> (a new measuring window).</summary>
    public void ResetDelayStatistics() => LongestPumpDelayMilliseconds = 0;

    /// <summary>Pumps that threw (counted, never fatal to the loop).</summary>
    public long PumpFaults => Interlocked.Read(ref _pumpFaults);

    /// <summary>
    /// Runs <paramref name="pump"/> on the loop's thread every <see cref="PumpInterval"/> until the returned
    /// registration is disposed. What pumps send through the loop's sockets leaves after all pumps ran, in one
    /// sendmmsg(2) per socket.
    /// </summary>
    public IDisposable AddPump(Action pump)
    {
        ArgumentNullException.ThrowIfNull(pump);
        ObjectDisposedException.ThrowIf(_stopping, this);
        long id = Interlocked.Increment(ref _nextId);
        _pumps[id] = pump;
        return new PumpRegistration(this, id);
    }

    private sealed class PumpRegistration(MediaIoLoop loop, long id) : IDisposable
    {
        public void Dispose() => loop._pumps.TryRemove(id, out _);
    }

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
        long tickMs = (long)UdpMediaSocket.TickInterval.TotalMilliseconds;
        long pumpMs = (long)PumpInterval.TotalMilliseconds;
        long nextTick = Environment.TickCount64 + tickMs;
        long nextPump = Environment.TickCount64 + pumpMs;
        try
        {
            while (!_stopping)
            {
                long due = _pumps.IsEmpty ? nextTick : Math.Min(nextTick, nextPump);
                int timeout = (int)Math.Clamp(due - Environment.TickCount64, 0, tickMs);
                int ready = Epoll.Wait(_epoll, _events, MaxEvents, timeout);
                for (int i = 0; i < ready && !_stopping; i++)
                {
                    if (_sockets.TryGetValue((long)Epoll.ReadData(_events, i), out UdpMediaSocket? socket))
                    {
                        socket.ServeReadable();
                    }
                }
                long now = Environment.TickCount64;
                if (now >= nextPump && !_stopping)
                {
                    long late = now - nextPump;
                    if (late > LongestPumpDelayMilliseconds)
                    {
                        LongestPumpDelayMilliseconds = late;
                    }
                    nextPump = Math.Max(nextPump + pumpMs, now + 1);
                    RunPumps();
                }
                if (now >= nextTick && !_stopping)
                {
                    nextTick = now + tickMs;
                    foreach (KeyValuePair<long, UdpMediaSocket> entry in _sockets)
                    {
                        entry.Value.ServeTick();
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

    private void RunPumps()
    {
        if (_pumps.IsEmpty)
        {
            return;
        }
        foreach (KeyValuePair<long, Action> entry in _pumps)
        {
            try
            {
                entry.Value();
            }
            catch (Exception)
            {
                Interlocked.Increment(ref _pumpFaults);
            }
        }
        foreach (KeyValuePair<long, UdpMediaSocket> entry in _sockets)
        {
            entry.Value.FlushOnLoop();
        }
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
