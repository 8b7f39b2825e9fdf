using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Confab.Rtc.Net;

namespace Confab.Benchmarks.Net;

/// <summary>
/// The media socket's own loop on loopback: a client sends a burst of 32 datagrams of 1200 bytes, the socket's
/// thread reads them (recvmmsg batches, or one recvfrom each), its handler sends each back (queued and flushed
/// with sendmmsg, or one sendto each), and the client reads the 32 replies. Figures are per datagram; the
/// allocation column counts every thread (the socket's included) and must read 0 B.
/// </summary>
[Config(typeof(ShortRunConfig))]
[MemoryDiagnoser]
public class UdpEchoBenchmarks
{
    private const int Burst = 32;
    private const int DatagramLength = 1200;

    private readonly byte[] _datagram = new byte[DatagramLength];
    private readonly byte[] _reply = new byte[2048];
    private UdpMediaSocket _media = null!;
    private Socket _client = null!;
    private SocketAddress _mediaAddress = null!;

    [Params(true, false)]
    public bool Batching { get; set; }

    private sealed class Echo : IDatagramHandler
    {
        public UdpMediaSocket? Socket { get; set; }

        public void OnDatagram(Span<byte> datagram, SocketAddress source) => Socket!.Send(datagram, source);

        public void OnTick()
        {
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        new Random(12345).NextBytes(_datagram);
        var echo = new Echo();
        _media = new UdpMediaSocket(new IPEndPoint(IPAddress.Loopback, 0), echo, Batching);
        echo.Socket = _media;
        _media.Start();
        _mediaAddress = _media.LocalEndPoint.Serialize();
        _client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 10_000 };
        _client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _media.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Burst)]
    public int EchoBurst()
    {
        for (int i = 0; i < Burst; i++)
        {
            _client.SendTo(_datagram, SocketFlags.None, _mediaAddress);
        }
        int received = 0;
        for (int i = 0; i < Burst; i++)
        {
            received += _client.Receive(_reply, SocketFlags.None);
        }
        return received;
    }
}
