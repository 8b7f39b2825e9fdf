using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Confab.Rtc.Net;

namespace Confab.Rtc.Tests.Net;

/// <summary>
/// The socket with batched system calls (recvmmsg/sendmmsg, on Linux) and with one datagram per call (the
/// fallback, forced): the same behaviour either way.
/// </summary>
public class UdpMediaSocketBatchTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static TheoryData<bool> Modes => new() { true, false };

    /// <summary>Records every datagram (a copy) with its source; optionally echoes it reversed.</summary>
    private sealed class RecordingHandler : IDatagramHandler
    {
        private readonly Lock _lock = new();
        private readonly List<(IPEndPoint Source, byte[] Data)> _received = [];
        private readonly IPEndPoint _template;

        public RecordingHandler(AddressFamily family) =>
            _template = new IPEndPoint(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);

        public UdpMediaSocket? Socket { get; set; }
        public bool Echo { get; init; }
        public SemaphoreSlim Ticks { get; } = new(0);
        public int TicksSeen;

        public int Count
        {
            get
            {
                lock (_lock)
                {
                    return _received.Count;
                }
            }
        }

        public List<(IPEndPoint Source, byte[] Data)> Snapshot()
        {
            lock (_lock)
            {
                return [.. _received];
            }
        }

        public void OnDatagram(Span<byte> datagram, SocketAddress source)
        {
            var from = (IPEndPoint)_template.Create(source);
            lock (_lock)
            {
                _received.Add((Normalize(from), datagram.ToArray()));
            }
            if (Echo)
            {
                datagram.Reverse();
                Assert.True(Socket!.Send(datagram, source));
            }
        }

        public void OnTick()
        {
            Interlocked.Increment(ref TicksSeen);
            Ticks.Release();
        }
    }

    private static IPEndPoint Normalize(IPEndPoint endPoint) =>
        endPoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port) : endPoint;

    private static UdpMediaSocket Open(IPEndPoint bindTo, RecordingHandler handler, bool batching)
    {
        var media = new UdpMediaSocket(bindTo, handler, batching);
        handler.Socket = media;
        media.Start();
        Assert.Equal(batching && OperatingSystem.IsLinux(), media.IsBatching);
        return media;
    }

    private static byte[] Datagram(int source, int sequence, int length)
    {
        var data = new byte[length];
        for (int i = 0; i < length; i++)
        {
            data[i] = (byte)((i * 7) + sequence + source);
        }
        data[0] = (byte)source;
        data[1] = (byte)(sequence >> 8);
        data[2] = (byte)sequence;
        return data;
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Patience, "timed out");
            await Task.Delay(1);
        }
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(false, true)]
    public async Task BurstsFromSeveralSourcesArriveIntactInOrderWithTheirSources(bool batching, bool dualMode)
    {
        var handler = new RecordingHandler(dualMode ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork);
        using var media = Open(new IPEndPoint(dualMode ? IPAddress.IPv6Any : IPAddress.Loopback, 0), handler, batching);
        // Dual mode: two IPv4 peers (seen as IPv4-mapped addresses) and two IPv6 peers.
        IPAddress[] peers = dualMode
            ? [IPAddress.Loopback, IPAddress.Loopback, IPAddress.IPv6Loopback, IPAddress.IPv6Loopback]
            : [IPAddress.Loopback, IPAddress.Loopback, IPAddress.Loopback, IPAddress.Loopback];
        var clients = peers.Select(a => new Socket(a.AddressFamily, SocketType.Dgram, ProtocolType.Udp)).ToArray();
        try
        {
            for (int c = 0; c < clients.Length; c++)
            {
                clients[c].Bind(new IPEndPoint(peers[c], 0));
            }
            const int Rounds = 12;
            const int PerRound = 24; // 4 × 24 in flight: more than one receive batch, well within the socket buffer
            var random = new Random(20261202);
            var sent = new List<byte[]>[clients.Length];
            for (int c = 0; c < clients.Length; c++)
            {
                sent[c] = [];
            }
            int total = 0;
            for (int round = 0; round < Rounds; round++)
            {
                for (int k = 0; k < PerRound; k++)
                {
                    for (int c = 0; c < clients.Length; c++)
                    {
                        byte[] data = Datagram(c, sent[c].Count, random.Next(3, 1400));
                        sent[c].Add(data);
                        clients[c].SendTo(data, new IPEndPoint(peers[c], media.LocalEndPoint.Port));
                        total++;
                    }
                }
                await WaitUntil(() => handler.Count >= total);
            }

            var received = handler.Snapshot();
            Assert.Equal(total, received.Count);
            for (int c = 0; c < clients.Length; c++)
            {
                var from = (IPEndPoint)clients[c].LocalEndPoint!;
                var mine = received.Where(r => r.Source.Equals(from)).Select(r => r.Data).ToList();
                Assert.Equal(sent[c].Count, mine.Count);
                for (int i = 0; i < mine.Count; i++)
                {
                    Assert.Equal(sent[c][i], mine[i]);
                }
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void RepliesSentFromTheHandlerArriveIntactAndInOrder_OversizeOnesToo(bool batching)
    {
        var handler = new RecordingHandler(AddressFamily.InterNetwork) { Echo = true };
        using var media = Open(new IPEndPoint(IPAddress.Loopback, 0), handler, batching);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = (int)Patience.TotalMilliseconds };
        client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var random = new Random(7);
        var reply = new byte[4096];
        const int Window = 40; // more than a receive batch; with the oversize ones, the send batch flushes in between
        int sequence = 0;
        for (int window = 0; window < 15; window++)
        {
            var expected = new List<byte[]>();
            for (int k = 0; k < Window; k++, sequence++)
            {
                // Every seventh is larger than a send slot and goes out at once, after those queued before it.
                int length = sequence % 7 == 3 ? UdpMediaSocket.SendSlotSize + 1 + random.Next(400) : random.Next(3, 1300);
                byte[] data = Datagram(0, sequence, length);
                client.SendTo(data, media.LocalEndPoint);
                expected.Add(data.Reverse().ToArray());
            }
            foreach (byte[] want in expected)
            {
                EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                int length = client.ReceiveFrom(reply, ref from);
                Assert.Equal(media.LocalEndPoint, from);
                Assert.Equal(want, reply[..length]);
            }
        }
        Assert.Equal(0, media.SendsDropped);
        Assert.Equal(0, media.HandlerFaults);
    }

    /// <summary>Answers each datagram twice, with a datagram to port 0 (which the kernel refuses) in between.</summary>
    private sealed class RefusedInTheMiddle : IDatagramHandler
    {
        private readonly SocketAddress _portZero = new IPEndPoint(IPAddress.Loopback, 0).Serialize();

        public UdpMediaSocket? Socket { get; set; }
        public int RefusedAtOnce;

        public void OnDatagram(Span<byte> datagram, SocketAddress source)
        {
            datagram[0] = 1;
            Socket!.Send(datagram, source);
            if (!Socket.Send(datagram, _portZero))
            {
                RefusedAtOnce++;
            }
            datagram[0] = 2;
            Socket.Send(datagram, source);
        }

        public void OnTick()
        {
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task AKernelRefusalDropsOnlyThatDatagram(bool batching)
    {
        var handler = new RefusedInTheMiddle();
        using var media = new UdpMediaSocket(new IPEndPoint(IPAddress.Loopback, 0), handler, batching);
        handler.Socket = media;
        media.Start();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = (int)Patience.TotalMilliseconds };
        client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var reply = new byte[64];
        const int Requests = 20;
        for (int i = 0; i < Requests; i++)
        {
            client.SendTo(new byte[] { 0, (byte)i }, media.LocalEndPoint);
        }
        for (int i = 0; i < Requests; i++)
        {
            Assert.Equal(2, client.Receive(reply));
            Assert.Equal(new byte[] { 1, (byte)i }, reply[..2]);
            Assert.Equal(2, client.Receive(reply));
            Assert.Equal(new byte[] { 2, (byte)i }, reply[..2]);
        }
        if (media.IsBatching)
        {
            // Queued (true), then refused by sendmmsg twice; counted once the flush that sent the last reply ends.
            await WaitUntil(() => media.SendsDropped >= Requests);
            Assert.Equal(Requests, media.SendsDropped);
            Assert.Equal(0, handler.RefusedAtOnce);
        }
        else
        {
            Assert.Equal(0, media.SendsDropped);
            Assert.Equal(Requests, handler.RefusedAtOnce);
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void SendsFromAnotherThreadGoOutAtOnce(bool batching)
    {
        var handler = new RecordingHandler(AddressFamily.InterNetwork);
        using var media = Open(new IPEndPoint(IPAddress.Loopback, 0), handler, batching);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = (int)Patience.TotalMilliseconds };
        client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        SocketAddress destination = client.LocalEndPoint!.Serialize();
        var reply = new byte[2048];
        for (int i = 0; i < 50; i++)
        {
            byte[] data = Datagram(1, i, 100 + i);
            Assert.True(media.Send(data, destination));
            int length = client.Receive(reply);
            Assert.Equal(data, reply[..length]);
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task TicksEveryIntervalWhenIdle_NotInABusyLoop(bool batching)
    {
        var handler = new RecordingHandler(AddressFamily.InterNetwork);
        using var media = Open(new IPEndPoint(IPAddress.Loopback, 0), handler, batching);
        Assert.True(await handler.Ticks.WaitAsync(Patience));
        int first = Volatile.Read(ref handler.TicksSeen);
        var clock = Stopwatch.StartNew();
        await WaitUntil(() => Volatile.Read(ref handler.TicksSeen) >= first + 5);
        // Five ticks of an idle socket each wait out the receive timeout (a receive that returned at once would
        // tick thousands of times in that while).
        Assert.True(clock.Elapsed >= 3 * UdpMediaSocket.TickInterval, $"5 ticks in {clock.Elapsed}");
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task ADatagramLargerThanTheReceiveBufferNeverReachesTheHandlerWhole_TheNextArrives(bool batching)
    {
        var handler = new RecordingHandler(AddressFamily.InterNetwork);
        using var media = Open(new IPEndPoint(IPAddress.Loopback, 0), handler, batching);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        byte[] oversize = Datagram(2, 0, UdpMediaSocket.ReceiveBufferSize + 1000);
        byte[] fits = Datagram(2, 1, UdpMediaSocket.ReceiveBufferSize - 48);
        client.SendTo(oversize, media.LocalEndPoint);
        client.SendTo(fits, media.LocalEndPoint);
        await WaitUntil(() => handler.Snapshot().Any(r => r.Data.AsSpan().SequenceEqual(fits)));
        var received = handler.Snapshot();
        Assert.Equal(fits, received[^1].Data);
        if (media.IsBatching)
        {
            Assert.Single(received); // recvmmsg flags it MSG_TRUNC, or a slot with room for coalesced runs holds it: dropped
        }
        else
        {
            // One recvfrom per datagram hands over what fitted, as it always did.
            Assert.Equal(oversize[..UdpMediaSocket.ReceiveBufferSize], received[0].Data);
        }
        Assert.Equal(0, media.HandlerFaults);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void DisposeStopsTheThreadAndLaterSendsFail(bool batching)
    {
        var handler = new RecordingHandler(AddressFamily.InterNetwork);
        var media = Open(new IPEndPoint(IPAddress.Loopback, 0), handler, batching);
        var clock = Stopwatch.StartNew();
        media.Dispose();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"Dispose took {clock.Elapsed}");
        Assert.False(media.Send([1, 2, 3], new IPEndPoint(IPAddress.Loopback, 9).Serialize()));
    }
}
