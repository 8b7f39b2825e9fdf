using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Confab.Rtc.Net;
using Confab.Rtc.Net.Batching;

namespace Confab.Rtc.Tests.Net;

/// <summary>
/// Media sockets take runs of one sender whole (UDP_GRO) and split them again: on real loopback sockets, with a sender
/// that segments its runs, every handler sees exactly the datagrams sent to it, in order; and the counts say the kernel
/// did coalesce them. Linux only (64-bit), as the media server's deployment is.
/// </summary>
public class CoalescedReceiveTests
{
    private sealed class CollectingHandler : IDatagramHandler
    {
        public ConcurrentQueue<byte[]> Received { get; } = new();
        public UdpMediaSocket? EchoOn { get; set; }

        public void OnDatagram(Span<byte> datagram, SocketAddress source)
        {
            Received.Enqueue(datagram.ToArray());
            EchoOn?.Send(datagram, source);
        }

        public void OnTick()
        {
        }
    }

    private static byte[] Datagram(int stream, int sequence, int length)
    {
        var data = new byte[length];
        for (int i = 0; i < length; i++)
        {
            data[i] = (byte)((stream * 29) + (sequence * 11) + i);
        }
        BinaryPrimitives.WriteInt32BigEndian(data, stream);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(4), sequence);
        return data;
    }

    private static Socket Sender()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    // What a publisher's flushes look like: a frame of equal packets and a shorter last one, audio, a frame whose
    // packets are all of one size, and a datagram too large to be a segment; each flush to every target in turn.
    private static void SendFrames(SendBatch batch, Socket sender, IReadOnlyList<(IPEndPoint Target, List<byte[]> Expected)> targets, int flushes)
    {
        var sequences = new int[targets.Count];
        for (int flush = 0; flush < flushes; flush++)
        {
            for (int t = 0; t < targets.Count; t++)
            {
                void Add(int length)
                {
                    byte[] data = Datagram(t, sequences[t]++, length);
                    Assert.True(batch.TryAdd(data, targets[t].Target.Serialize()));
                    targets[t].Expected.Add(data);
                }
                for (int packet = 0; packet < 6; packet++)
                {
                    Add(1200);
                }
                Add(437 + flush);
                Add(120);
                for (int packet = 0; packet < 4; packet++)
                {
                    Add(1000);
                }
                Add(SegmentedSends.MaxSegmentSize + 40);
            }
            Assert.Equal(0, batch.Flush(sender.SafeHandle, out BatchStatus status));
            Assert.Equal(BatchStatus.Done, status);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunsFromOneSenderReachTheHandlerAsTheSameDatagramsInOrder(bool loopServed)
    {
        using MediaIoLoop? loop = loopServed ? new MediaIoLoop("coalescing-test") : null;
        var handler = new CollectingHandler();
        var bindTo = new IPEndPoint(IPAddress.Loopback, 0);
        using UdpMediaSocket media = loop is null ? new UdpMediaSocket(bindTo, handler) : new UdpMediaSocket(bindTo, handler, loop);
        Assert.True(media.IsCoalescing, "the kernel refused UDP_GRO");
        media.Start();
        using Socket sender = Sender();
        var batch = new SendBatch(64, 1500);
        var expected = new List<byte[]>();

        SendFrames(batch, sender, [(media.LocalEndPoint, expected)], flushes: 5);

        await WaitForAsync(() => handler.Received.Count >= expected.Count);
        Assert.Equal(expected, handler.Received.ToArray());
        Assert.True(batch.SegmentedDatagrams > 0, "the sender sent no runs");
        // Every datagram that left in a run arrived in one and was split again.
        await WaitForAsync(() => media.CoalescedDatagrams >= batch.SegmentedDatagrams);
        Assert.Equal(batch.SegmentedDatagrams, media.CoalescedDatagrams);
    }

    [Fact]
    public async Task SocketsOfOneLoopShareItsBatchAndEachHandlerGetsOnlyItsOwn()
    {
        using var loop = new MediaIoLoop("coalescing-test");
        CollectingHandler[] handlers = [new(), new(), new()];
        var sockets = handlers.Select(h => new UdpMediaSocket(new IPEndPoint(IPAddress.Loopback, 0), h, loop)).ToList();
        try
        {
            sockets.ForEach(s => s.Start());
            using Socket sender = Sender();
            var batch = new SendBatch(64, 1500);
            var targets = sockets.Select(s => (s.LocalEndPoint, new List<byte[]>())).ToList();

            SendFrames(batch, sender, targets, flushes: 6);

            for (int i = 0; i < handlers.Length; i++)
            {
                int index = i;
                await WaitForAsync(() => handlers[index].Received.Count >= targets[index].Item2.Count);
                Assert.Equal(targets[i].Item2, handlers[i].Received.ToArray());
            }
            Assert.Equal(batch.SegmentedDatagrams, sockets.Sum(s => s.CoalescedDatagrams));
        }
        finally
        {
            sockets.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task EachDatagramOfACoalescedRunIsHeldAndEchoedOnItsOwn()
    {
        var handler = new CollectingHandler();
        using var media = new UdpMediaSocket(new IPEndPoint(IPAddress.Loopback, 0), handler);
        handler.EchoOn = media;
        Assert.True(media.MeasureHoldTimes());
        media.Start();
        using Socket sender = Sender();
        sender.ReceiveTimeout = 10_000;
        var batch = new SendBatch(64, 1500);
        var expected = new List<byte[]>();

        SendFrames(batch, sender, [(media.LocalEndPoint, expected)], flushes: 3);

        var buffer = new byte[2048];
        foreach (byte[] want in expected)
        {
            int length = sender.Receive(buffer);
            Assert.Equal(want, buffer[..length]);
        }
        await WaitForAsync(() => media.HoldTimes!.Count >= expected.Count);
        Assert.Equal(expected.Count, media.HoldTimes!.Count);
        Assert.InRange(media.HoldTimes.Max, 0, 5_000_000); // µs, from the run's one arrival time
        Assert.True(media.CoalescedDatagrams > 0);
    }

    private static byte[] Control(int level, int type, params byte[] data)
    {
        int length = ControlMessages.HeaderSize + data.Length;
        var control = new byte[(length + 7) & ~7];
        BinaryPrimitives.WriteInt64LittleEndian(control, length);
        BinaryPrimitives.WriteInt32LittleEndian(control.AsSpan(8), level);
        BinaryPrimitives.WriteInt32LittleEndian(control.AsSpan(12), type);
        data.CopyTo(control.AsSpan(ControlMessages.HeaderSize));
        return control;
    }

    private static byte[] Int(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }

    [Fact]
    public void TheSegmentSizeIsReadFromItsControlMessageAndAnythingElseMeansOneDatagram()
    {
        byte[] timestamp = Control(1, 35, new byte[16]);
        Assert.Equal(1200, CoalescedReceives.SegmentSize(Control(17, 104, Int(1200))));
        Assert.Equal(1200, CoalescedReceives.SegmentSize([.. timestamp, .. Control(17, 104, Int(1200))])); // after a timestamp
        Assert.Equal(0, CoalescedReceives.SegmentSize([]));
        Assert.Equal(0, CoalescedReceives.SegmentSize(timestamp));
        Assert.Equal(0, CoalescedReceives.SegmentSize(Control(17, 103, Int(1200))));  // another type
        Assert.Equal(0, CoalescedReceives.SegmentSize(Control(0, 104, Int(1200))));   // another level
        Assert.Equal(0, CoalescedReceives.SegmentSize(Control(17, 104, 1, 2)));       // too short for an int
        Assert.Equal(0, CoalescedReceives.SegmentSize(Control(17, 104, Int(-5))));    // nonsense
        byte[] overlong = Control(17, 104, Int(1200));
        BinaryPrimitives.WriteInt64LittleEndian(overlong, 64);                          // runs past the buffer
        Assert.Equal(0, CoalescedReceives.SegmentSize(overlong));
    }

    [Theory]
    [InlineData(7200, 1200, 6)]
    [InlineData(7637, 1200, 7)]
    [InlineData(1200, 1200, 1)]
    [InlineData(800, 1200, 1)]
    [InlineData(5000, 0, 1)]
    public void AMessageSplitsIntoAsManyDatagramsAsItsSegmentsStartIn(int length, int segmentSize, int datagrams) =>
        Assert.Equal(datagrams, CoalescedReceives.Split(length, segmentSize));
}
