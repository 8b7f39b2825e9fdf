using System.Net;
using System.Net.Sockets;
using Confab.Rtc.Net;

namespace Confab.Rtc.Tests.Net;

/// <summary>The socket's receive → handler → send loop allocates nothing per datagram once running.</summary>
public class UdpMediaSocketAllocationTests
{
    private const int Warmup = 3000;
    private const int Measured = 2000;

    /// <summary>Echoes each datagram and reads its own thread's allocation counter at two datagram counts.</summary>
    private sealed class MeteringEcho : IDatagramHandler
    {
        public UdpMediaSocket? Socket { get; set; }
        public int Seen { get; private set; }
        public long AtStart { get; private set; } = -1;
        public long AtEnd { get; private set; } = -1;

        public void OnDatagram(Span<byte> datagram, SocketAddress source)
        {
            Seen++;
            if (Seen == Warmup + 1)
            {
                AtStart = GC.GetAllocatedBytesForCurrentThread();
            }
            else if (Seen == Warmup + Measured + 1)
            {
                AtEnd = GC.GetAllocatedBytesForCurrentThread();
            }
            datagram[0] ^= 0xFF;
            Socket!.Send(datagram, source);
        }

        public void OnTick()
        {
        }
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void TheSocketThreadAllocatesNothingPerDatagram(bool batching, bool holdTimes)
    {
        var handler = new MeteringEcho();
        using var media = new UdpMediaSocket(new IPEndPoint(IPAddress.Loopback, 0), handler, batching);
        handler.Socket = media;
        Assert.Equal(holdTimes, holdTimes && media.MeasureHoldTimes()); // kernel timestamps and the histogram
        media.Start();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 10_000 };
        client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var datagram = new byte[1200];
        var reply = new byte[2048];
        // Windows of 48 in flight, so the socket thread reads several per call and sends several per flush.
        const int Window = 48;
        int total = Warmup + Measured + 1;
        for (int sent = 0; sent < total;)
        {
            int burst = Math.Min(Window, total - sent);
            for (int i = 0; i < burst; i++)
            {
                datagram[0] = (byte)(sent + i);
                client.SendTo(datagram, media.LocalEndPoint);
            }
            for (int i = 0; i < burst; i++)
            {
                client.Receive(reply);
                Assert.Equal((byte)~(sent + i), reply[0]);
            }
            sent += burst;
        }

        Assert.True(handler.AtStart >= 0 && handler.AtEnd >= 0);
        Assert.Equal(0, handler.AtEnd - handler.AtStart);
        Assert.Equal(holdTimes, media.HoldTimes?.Count > 0);
    }
}
