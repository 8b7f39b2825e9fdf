using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Confab.Rtc.Net;
using Confab.Rtc.Net.Batching;

namespace Confab.Rtc.Tests.Net;

public class HoldTimeTests
{
    private sealed class EchoHandler : IDatagramHandler
    {
        public UdpMediaSocket? Socket { get; set; }

        public void OnDatagram(Span<byte> datagram, SocketAddress source) => Socket!.Send(datagram, source);

        public void OnTick()
        {
        }
    }

    [Fact]
    public async Task Each_reply_sent_while_handling_a_datagram_records_how_long_that_datagram_was_held()
    {
        var handler = new EchoHandler();
        using var media = new UdpMediaSocket(new IPEndPoint(IPAddress.Loopback, 0), handler);
        handler.Socket = media;
        Assert.True(media.MeasureHoldTimes());
        media.Start();
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        for (int i = 0; i < 20; i++)
        {
            await client.SendAsync(new byte[] { (byte)i }, media.LocalEndPoint);
            Assert.Equal(new[] { (byte)i }, (await client.ReceiveAsync().WaitAsync(TimeSpan.FromSeconds(10))).Buffer);
        }
        // Recorded after the send returns: the last reply may be counted a moment after it arrived.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (media.HoldTimes!.Count < 20 && DateTime.UtcNow < deadline)
        {
            await Task.Yield();
        }
        Assert.Equal(20, media.HoldTimes.Count);
        Assert.InRange(media.HoldTimes.Max, 0, 5_000_000); // µs; a loopback echo is held far less than 5 s
    }

    private static byte[] Control(long length, int level, int type, long seconds, long nanoseconds, int size = 32)
    {
        var control = new byte[size];
        BinaryPrimitives.WriteInt64LittleEndian(control, length);
        BinaryPrimitives.WriteInt32LittleEndian(control.AsSpan(8), level);
        BinaryPrimitives.WriteInt32LittleEndian(control.AsSpan(12), type);
        if (size >= 32)
        {
            BinaryPrimitives.WriteInt64LittleEndian(control.AsSpan(16), seconds);
            BinaryPrimitives.WriteInt64LittleEndian(control.AsSpan(24), nanoseconds);
        }
        return control;
    }

    [Fact]
    public void The_receive_timestamp_is_read_from_its_control_message_and_anything_else_gives_none()
    {
        Assert.Equal(1_700_000_000_123_456_789L, ReceiveTimestamp.Read(Control(32, 1, 35, 1_700_000_000, 123_456_789)));
        Assert.Equal(0, ReceiveTimestamp.Read([]));
        Assert.Equal(0, ReceiveTimestamp.Read(Control(32, 1, 29, 1_700_000_000, 5)));            // another type
        Assert.Equal(0, ReceiveTimestamp.Read(Control(32, 0, 35, 1_700_000_000, 5)));            // another level
        Assert.Equal(0, ReceiveTimestamp.Read(Control(64, 1, 35, 1_700_000_000, 5)));            // longer than the buffer
        Assert.Equal(0, ReceiveTimestamp.Read(Control(8, 1, 35, 1_700_000_000, 5)));             // shorter than a header
        Assert.Equal(0, ReceiveTimestamp.Read(Control(32, 1, 35, 1_700_000_000, 2_000_000_000))); // not a timespec
        Assert.Equal(0, ReceiveTimestamp.Read(Control(16, 1, 35, 0, 0, size: 16)));              // no room for the time

        // A first message of another kind is stepped over (aligned to 8) to the timestamp after it.
        byte[] two = [.. Control(20, 1, 29, 0, 0, size: 24), .. Control(32, 1, 35, 42, 7)];
        BinaryPrimitives.WriteInt64LittleEndian(two, 20);
        Assert.Equal(42_000_000_007L, ReceiveTimestamp.Read(two));
    }
}
