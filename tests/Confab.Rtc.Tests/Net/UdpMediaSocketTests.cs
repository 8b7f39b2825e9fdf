using System.Net;
using System.Net.Sockets;
using Confab.Rtc.Net;

namespace Confab.Rtc.Tests.Net;

public class UdpMediaSocketTests
{
    private sealed class EchoHandler : IDatagramHandler
    {
        public UdpMediaSocket? Socket { get; set; }
        public SemaphoreSlim Ticks { get; } = new(0);
        public bool ThrowOnNext { get; set; }

        public void OnDatagram(Span<byte> datagram, SocketAddress source)
        {
            if (ThrowOnNext)
            {
                ThrowOnNext = false;
                throw new InvalidOperationException("handler bug");
            }
            datagram.Reverse();
            Socket!.Send(datagram, source);
        }

        public void OnTick() => Ticks.Release();
    }

    [Fact]
    public async Task EchoesOnLoopbackAndSurvivesAHandlerFault()
    {
        var handler = new EchoHandler();
        using var media = new UdpMediaSocket(new IPEndPoint(IPAddress.Loopback, 0), handler);
        handler.Socket = media;
        media.Start();
        Assert.NotEqual(0, media.LocalEndPoint.Port);

        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        handler.ThrowOnNext = true;
        await client.SendAsync(new byte[] { 9 }, media.LocalEndPoint);
        await client.SendAsync(new byte[] { 1, 2, 3 }, media.LocalEndPoint);
        var reply = await client.ReceiveAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(new byte[] { 3, 2, 1 }, reply.Buffer);
        Assert.Equal(1, media.HandlerFaults);
        Assert.IsType<InvalidOperationException>(media.LastHandlerFault);
    }

    [Fact]
    public async Task TicksWhenIdle()
    {
        var handler = new EchoHandler();
        using var media = new UdpMediaSocket(new IPEndPoint(IPAddress.Loopback, 0), handler);
        handler.Socket = media;
        media.Start();
        for (int i = 0; i < 3; i++)
        {
            Assert.True(await handler.Ticks.WaitAsync(TimeSpan.FromSeconds(10)));
        }
    }
}
