using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Confab.Rtc.Net.Batching;

namespace Confab.Rtc.Tests.Net;

/// <summary>
/// Send batches with UDP segmentation (runs of datagrams to one address in one message): on real loopback sockets,
/// every datagram arrives whole, at its address, in the order it was queued for that address, with or without the
/// kernel's help; and the runs are the ones the rules give.
/// </summary>
public class SendBatchSegmentationTests
{
    private const int SolSocket = 1;
    private const int SoNoCheck = 11; // socket(7): no UDP checksums on send, which the kernel's segmentation refuses

    public static TheoryData<bool> Families => new() { false, true };

    private sealed class Receiver : IDisposable
    {
        public Receiver(int id)
        {
            Id = id;
            Socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)
            {
                ReceiveBufferSize = 4 * 1024 * 1024,
                ReceiveTimeout = 10_000,
            };
            Socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            EndPoint = (IPEndPoint)Socket.LocalEndPoint!;
        }

        public int Id { get; }
        public Socket Socket { get; }
        public IPEndPoint EndPoint { get; }
        public List<byte[]> Expected { get; } = [];

        public void Dispose() => Socket.Dispose();
    }

    /// <summary>Receivers 0 to count-1, closed together.</summary>
    private sealed class Receivers(int count) : IDisposable
    {
        public Receiver[] All { get; } = [.. Enumerable.Range(0, count).Select(id => new Receiver(id))];

        public void Dispose()
        {
            foreach (Receiver receiver in All)
            {
                receiver.Dispose();
            }
        }
    }

    // A datagram that says which receiver and which of its datagrams it is, then bytes derived from both.
    private static byte[] Datagram(int receiver, int sequence, int length)
    {
        var data = new byte[length];
        for (int i = 0; i < length; i++)
        {
            data[i] = (byte)((receiver * 31) + (sequence * 7) + i);
        }
        if (length >= 8)
        {
            BinaryPrimitives.WriteInt32BigEndian(data, receiver);
            BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(4), sequence);
        }
        return data;
    }

    private static Socket Sender(bool dualMode)
    {
        if (!dualMode)
        {
            var v4 = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            v4.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return v4;
        }
        var v6 = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { DualMode = true };
        v6.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));
        return v6;
    }

    private static SocketAddress AddressOf(Receiver receiver, bool dualMode) =>
        (dualMode ? new IPEndPoint(receiver.EndPoint.Address.MapToIPv6(), receiver.EndPoint.Port) : receiver.EndPoint).Serialize();

    // What an SFU's flush looks like: frames of equal packets with a shorter last one, to each receiver in turn,
    // audio in between, a datagram too large to segment, an empty one, and a long run to one receiver that is
    // more than a run may carry.
    private static int QueueAndFlush(SendBatch batch, Socket sender, Receiver[] receivers, bool dualMode, int[] sequences)
    {
        int dropped = 0;
        void Add(Receiver receiver, int length)
        {
            byte[] data = Datagram(receiver.Id, sequences[receiver.Id]++, length);
            if (!batch.TryAdd(data, AddressOf(receiver, dualMode)))
            {
                dropped += batch.Flush(sender.SafeHandle, out BatchStatus status);
                Assert.Equal(BatchStatus.Done, status);
                Assert.True(batch.TryAdd(data, AddressOf(receiver, dualMode)));
            }
            receiver.Expected.Add(data);
        }
        for (int frame = 0; frame < 6; frame++)
        {
            for (int packet = 0; packet < 5; packet++)
            {
                foreach (Receiver receiver in receivers)
                {
                    Add(receiver, packet < 4 ? 1200 : 300 + (frame * 10));
                }
                Add(receivers[frame % receivers.Length], 120); // audio
            }
            Add(receivers[0], SegmentedSends.MaxSegmentSize + 50);
            Add(receivers[1], 0);
        }
        dropped += batch.Flush(sender.SafeHandle, out BatchStatus last);
        Assert.Equal(BatchStatus.Done, last);
        for (int i = 0; i < 60; i++)
        {
            Add(receivers[2], SegmentedSends.MaxSegmentSize);
        }
        dropped += batch.Flush(sender.SafeHandle, out last);
        Assert.Equal(BatchStatus.Done, last);
        return dropped;
    }

    private static void AssertEachArrivedInOrder(Receiver[] receivers)
    {
        var buffer = new byte[2048];
        foreach (Receiver receiver in receivers)
        {
            foreach (byte[] want in receiver.Expected)
            {
                int length = receiver.Socket.Receive(buffer);
                Assert.Equal(want, buffer[..length]);
            }
            Assert.Equal(0, receiver.Socket.Available);
        }
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void RunsToSeveralAddressesArriveWholeAndInOrderPerAddress(bool dualMode)
    {
        using Socket sender = Sender(dualMode);
        using var owned = new Receivers(3);
        Receiver[] receivers = owned.All;
        var batch = new SendBatch(64, 1500);
        int dropped = QueueAndFlush(batch, sender, receivers, dualMode, new int[receivers.Length]);
        Assert.Equal(0, dropped);
        AssertEachArrivedInOrder(receivers);
        if (SegmentedSends.IsSupported) // 64-bit Linux: loopback takes runs
        {
            Assert.True(batch.IsSegmenting, "the kernel refused a run on loopback");
            int total = receivers.Sum(r => r.Expected.Count);
            Assert.InRange(batch.SegmentedDatagrams, total / 2, total - 1);
        }
    }

    [Fact]
    public void WhenTheKernelRefusesRunsTheSameDatagramsLeaveOneByOne()
    {
        using Socket sender = Sender(dualMode: false);
        sender.SetRawSocketOption(SolSocket, SoNoCheck, [1, 0, 0, 0]);
        using var owned = new Receivers(3);
        Receiver[] receivers = owned.All;
        var batch = new SendBatch(64, 1500);
        int dropped = QueueAndFlush(batch, sender, receivers, dualMode: false, new int[receivers.Length]);
        Assert.Equal(0, dropped);
        AssertEachArrivedInOrder(receivers);
        Assert.False(batch.IsSegmenting);
        Assert.Equal(0, batch.SegmentedDatagrams);
    }

    [Fact]
    public void ARunToAnAddressTheKernelRefusesIsDroppedAndRunsGoOn()
    {
        using Socket sender = Sender(dualMode: false);
        using var owned = new Receivers(2);
        Receiver[] receivers = owned.All;
        SocketAddress portZero = new IPEndPoint(IPAddress.Loopback, 0).Serialize(); // sendto refuses it (EINVAL)
        var batch = new SendBatch(64, 1500);
        var sequences = new int[receivers.Length];
        for (int round = 0; round < 3; round++)
        {
            foreach (Receiver receiver in receivers)
            {
                for (int packet = 0; packet < 4; packet++)
                {
                    byte[] data = Datagram(receiver.Id, sequences[receiver.Id]++, 1200);
                    Assert.True(batch.TryAdd(data, AddressOf(receiver, dualMode: false)));
                    receiver.Expected.Add(data);
                    Assert.True(batch.TryAdd(data, portZero));
                }
            }
        }
        Assert.Equal(24, batch.Flush(sender.SafeHandle, out BatchStatus status));
        Assert.Equal(BatchStatus.Failed, status);
        AssertEachArrivedInOrder(receivers);
        Assert.Equal(SegmentedSends.IsSupported, batch.IsSegmenting);

        // The next batch still goes out in runs.
        long before = batch.SegmentedDatagrams;
        foreach (Receiver receiver in receivers)
        {
            receiver.Expected.Clear();
            for (int packet = 0; packet < 4; packet++)
            {
                byte[] data = Datagram(receiver.Id, sequences[receiver.Id]++, 1200);
                Assert.True(batch.TryAdd(data, AddressOf(receiver, dualMode: false)));
                receiver.Expected.Add(data);
            }
        }
        Assert.Equal(0, batch.Flush(sender.SafeHandle, out status));
        Assert.Equal(BatchStatus.Done, status);
        AssertEachArrivedInOrder(receivers);
        Assert.Equal(SegmentedSends.IsSupported ? before + 8 : 0, batch.SegmentedDatagrams);
    }

    [Fact]
    public void WithoutSegmentationEveryDatagramIsItsOwnMessage()
    {
        using Socket sender = Sender(dualMode: false);
        using var owned = new Receivers(3);
        Receiver[] receivers = owned.All;
        var batch = new SendBatch(64, 1500, segmentation: false);
        Assert.Equal(0, QueueAndFlush(batch, sender, receivers, dualMode: false, new int[receivers.Length]));
        AssertEachArrivedInOrder(receivers);
        Assert.False(batch.IsSegmenting);
        Assert.Equal(0, batch.SegmentedDatagrams);
    }

    private static DatagramSlots Slots(params (byte Address, int Length)[] datagrams)
    {
        var slots = new DatagramSlots(datagrams.Length, 1500);
        for (int i = 0; i < datagrams.Length; i++)
        {
            SocketAddress address = new IPEndPoint(IPAddress.Loopback, 40000 + datagrams[i].Address).Serialize();
            address.Buffer.Span[..address.Size].CopyTo(slots.Name(i));
            slots.SetForSend(i, datagrams[i].Length, address.Size);
        }
        return slots;
    }

    private static unsafe (int Datagrams, int SegmentSize, int Port)[] Runs(SegmentedSends runs, int count)
    {
        var result = new (int, int, int)[count];
        for (int i = 0; i < count; i++)
        {
            ref MsgHdr header = ref runs.Headers[i].Header;
            int segment = header.Control == null ? 0 : *(ushort*)((byte*)header.Control + 16);
            int port = (((byte*)header.Name)[2] << 8) | ((byte*)header.Name)[3];
            result[i] = ((int)header.IovLength, segment, port - 40000);
        }
        return result;
    }

    [Fact]
    public void RunsFollowTheRules()
    {
        var runs = new SegmentedSends(16);
        // A: 1200 1200 700 (closed by the shorter one) then 1200 starts another; B: 1200 100; C: 1450 alone, then
        // 1200 after it starts a run of its own; D: 0 alone.
        DatagramSlots slots = Slots((1, 1200), (2, 1200), (1, 1200), (1, 700), (3, 1450), (1, 1200), (2, 100),
            (3, 1200), (4, 0), (3, 1200), (2, 50));
        int count = runs.Build(slots, 11);
        Assert.Equal(
            [(3, 1200, 1), (2, 1200, 2), (1, 0, 3), (1, 0, 1), (2, 1200, 3), (1, 0, 4), (1, 0, 2)],
            Runs(runs, count));

        // Nothing to share a message: no runs, the slots' own headers are used.
        Assert.Equal(0, runs.Build(Slots((1, 1200), (2, 1200), (3, 1200)), 3));
    }

    [Fact]
    public void ARunStopsAtItsSegmentAndByteLimits()
    {
        var runs = new SegmentedSends(SegmentedSends.MaxSegments + 8);
        var many = Enumerable.Repeat(((byte)1, 100), SegmentedSends.MaxSegments + 8).ToArray();
        int count = runs.Build(Slots(many), many.Length);
        Assert.Equal([(SegmentedSends.MaxSegments, 100, 1), (8, 100, 1)], Runs(runs, count));

        var large = Enumerable.Repeat(((byte)1, SegmentedSends.MaxSegmentSize), 50).ToArray();
        count = runs.Build(Slots(large), large.Length);
        int perRun = SegmentedSends.MaxRunBytes / SegmentedSends.MaxSegmentSize;
        Assert.Equal([(perRun, SegmentedSends.MaxSegmentSize, 1), (50 - perRun, SegmentedSends.MaxSegmentSize, 1)], Runs(runs, count));
    }
}
