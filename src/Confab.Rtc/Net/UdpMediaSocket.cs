using System.Net;
using System.Net.Sockets;

namespace Confab.Rtc.Net;

/// <summary>
/// The one UDP socket of a media worker. A dedicated thread reads datagrams into one reused buffer with one
/// reused <see cref="SocketAddress"/> (no allocation per datagram) and hands them to the handler on that thread,
/// so everything the handler owns is touched by one thread only and needs no lock. Sends are synchronous
/// <c>sendto</c> calls from that same thread (or any other: the socket is thread-safe for sends).
/// </summary>
public sealed class UdpMediaSocket : IDisposable
{
    public static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(20);

    private const int ReceiveBufferSize = 2048;
    private const int SocketBufferBytes = 4 * 1024 * 1024;

    private readonly Socket _socket;
    private readonly IDatagramHandler _handler;
    private readonly Thread _thread;
    private volatile bool _stopping;

    public UdpMediaSocket(IPEndPoint bindTo, IDatagramHandler handler)
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
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _thread = new Thread(ReceiveLoop) { IsBackground = true, Name = $"confab-media-{LocalEndPoint.Port}" };
    }

    /// <summary>The address the socket is bound to (with the real port when 0 was asked for).</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Datagrams the handler threw on (a bug: counted and logged by the owner, never fatal).</summary>
    public long HandlerFaults { get; private set; }

    /// <summary>The last exception a handler threw, for the owner's diagnostics.</summary>
    public Exception? LastHandlerFault { get; private set; }

    public void Start() => _thread.Start();

    /// <summary>Sends one datagram; false when the kernel refused it (buffer full, unreachable).</summary>
    public bool Send(ReadOnlySpan<byte> datagram, SocketAddress destination)
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
        _stopping = true;
        _socket.Dispose();
        if (_thread.IsAlive && Thread.CurrentThread != _thread)
        {
            _thread.Join(TimeSpan.FromSeconds(5));
        }
    }

    private void ReceiveLoop()
    {
        var buffer = GC.AllocateUninitializedArray<byte>(ReceiveBufferSize, pinned: true);
        var source = new SocketAddress(_socket.AddressFamily);
        long nextTick = Environment.TickCount64 + (long)TickInterval.TotalMilliseconds;
        while (!_stopping)
        {
            int length = Receive(buffer, source);
            if (_stopping)
            {
                break;
            }
            if (length > 0)
            {
                Dispatch(buffer.AsSpan(0, length), source);
            }
            long now = Environment.TickCount64;
            if (length <= 0 || now >= nextTick)
            {
                nextTick = now + (long)TickInterval.TotalMilliseconds;
                Tick();
            }
        }
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
