using System.Net;
using System.Net.Sockets;
using Confab.Rtc.Dtls;

namespace Confab.Rtc.Tests.Dtls;

/// <summary>
/// A DTLS endpoint on a real loopback UDP socket, driven as the SFU will drive it: a receive loop that hands DTLS
/// datagrams (RFC 7983) to <see cref="DtlsEndpoint.OnDatagram"/>, and a sender aimed at the peer's address (learned
/// from its first datagram when we are the server).
/// </summary>
internal sealed class UdpDtlsHost : IDatagramSender, IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiveLoop;
    private EndPoint? _remote;
    private int _largestDatagramReceived;

    public UdpDtlsHost(DtlsCertificate certificate, IPEndPoint? remote = null)
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _remote = remote;
        Endpoint = new DtlsEndpoint(certificate, this);
        _receiveLoop = Task.Run(ReceiveLoopAsync);
    }

    public DtlsEndpoint Endpoint { get; }

    public int LargestDatagramReceived => Volatile.Read(ref _largestDatagramReceived);

    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    public void Send(ReadOnlySpan<byte> datagram)
    {
        if (Volatile.Read(ref _remote) is { } remote)
        {
            _socket.SendTo(datagram, SocketFlags.None, remote);
        }
    }

    public void Dispose()
    {
        Endpoint.Dispose();
        _stop.Cancel();
        _socket.Dispose();
        try
        {
            _receiveLoop.Wait(DtlsPair.TestTimeout);
        }
        catch (AggregateException)
        {
            // The loop ends with the socket.
        }

        _stop.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[2048];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // e.g. ICMP port unreachable while the peer is not listening yet
            }

            Interlocked.CompareExchange(ref _remote, received.RemoteEndPoint, null);
            var datagram = buffer.AsSpan(0, received.ReceivedBytes);
            Volatile.Write(ref _largestDatagramReceived, Math.Max(_largestDatagramReceived, datagram.Length));
            if (DtlsRecordDemux.IsDtls(datagram))
            {
                Endpoint.OnDatagram(datagram);
            }
        }
    }
}
