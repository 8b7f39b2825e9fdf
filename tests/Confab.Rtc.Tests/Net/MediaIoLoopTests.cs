using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Confab.Rtc.Net;

namespace Confab.Rtc.Tests.Net;

// The loop is Linux only (epoll), as the media server's deployment is.
public class MediaIoLoopTests
{
    // Echoes each datagram reversed, and notes the thread every call ran on.
    private sealed class RecordingHandler : IDatagramHandler
    {
        public UdpMediaSocket? Socket { get; set; }
        public ConcurrentBag<int> Threads { get; } = [];
        public SemaphoreSlim Ticks { get; } = new(0);
        public int Datagrams;

        public void OnDatagram(Span<byte> datagram, SocketAddress source)
        {
            Threads.Add(Environment.CurrentManagedThreadId);
            Interlocked.Increment(ref Datagrams);
            datagram.Reverse();
            Socket!.Send(datagram, source);
        }

        public void OnTick()
        {
            Threads.Add(Environment.CurrentManagedThreadId);
            Ticks.Release();
        }
    }

    private static (UdpMediaSocket Socket, RecordingHandler Handler) Open(MediaIoLoop loop)
    {
        var handler = new RecordingHandler();
        var socket = new UdpMediaSocket(new IPEndPoint(IPAddress.Loopback, 0), handler, loop);
        handler.Socket = socket;
        socket.Start();
        return (socket, handler);
    }

    private static async Task<byte[]> ReceiveAsync(UdpClient client) =>
        (await client.ReceiveAsync().WaitAsync(TimeSpan.FromSeconds(10))).Buffer;

    [Fact]
    public async Task ServesManySocketsOnOneThreadEachDatagramToItsOwnHandler()
    {
        using var loop = new MediaIoLoop();
        var opened = Enumerable.Range(0, 8).Select(_ => Open(loop)).ToList();
        try
        {
            Assert.Equal(8, loop.SocketCount);
            using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            for (int round = 0; round < 3; round++)
            {
                for (int i = 0; i < opened.Count; i++)
                {
                    await client.SendAsync(new byte[] { (byte)i, (byte)round, 0xEE }, opened[i].Socket.LocalEndPoint);
                    Assert.Equal(new byte[] { 0xEE, (byte)round, (byte)i }, await ReceiveAsync(client));
                }
            }
            Assert.All(opened, o => Assert.Equal(3, o.Handler.Datagrams));
            int loopThread = opened[0].Handler.Threads.First();
            Assert.All(opened, o => Assert.All(o.Handler.Threads, t => Assert.Equal(loopThread, t)));
            Assert.NotEqual(Environment.CurrentManagedThreadId, loopThread);
        }
        finally
        {
            opened.ForEach(o => o.Socket.Dispose());
        }
    }

    [Fact]
    public async Task DrainsABurstLargerThanOneBatchInOrder()
    {
        using var loop = new MediaIoLoop();
        var (socket, handler) = Open(loop);
        using var _ = socket;
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        client.Client.ReceiveBufferSize = 1 << 20;
        const int Count = 300; // several recvmmsg batches, and more than one readiness round
        for (int i = 0; i < Count; i++)
        {
            client.Send([(byte)(i >> 8), (byte)i], socket.LocalEndPoint);
        }
        for (int i = 0; i < Count; i++)
        {
            byte[] reply = await ReceiveAsync(client);
            Assert.Equal(i, (reply[1] << 8) | reply[0]); // reversed
        }
        Assert.Equal(Count, handler.Datagrams);
    }

    [Fact]
    public async Task TicksEverySocketAndStopsServingADisposedOne()
    {
        using var loop = new MediaIoLoop();
        var (first, firstHandler) = Open(loop);
        var (second, secondHandler) = Open(loop);
        using var _ = second;
        for (int i = 0; i < 3; i++)
        {
            Assert.True(await firstHandler.Ticks.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.True(await secondHandler.Ticks.WaitAsync(TimeSpan.FromSeconds(10)));
        }
        first.Dispose();
        Assert.Equal(1, loop.SocketCount);

        // The loop goes on serving the other socket.
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await client.SendAsync(new byte[] { 1, 2 }, second.LocalEndPoint);
        Assert.Equal(new byte[] { 2, 1 }, await ReceiveAsync(client));
    }

    [Fact]
    public async Task PumpsRunOnTheLoopAndWhatTheySendLeavesUntilTheRegistrationIsDisposed()
    {
        using var loop = new MediaIoLoop();
        var (socket, handler) = Open(loop);
        using var _ = socket;
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        SocketAddress destination = ((IPEndPoint)client.Client.LocalEndPoint!).Serialize();
        int pumpThread = 0;
        int sent = 0;
        IDisposable registration = loop.AddPump(() =>
        {
            pumpThread = Environment.CurrentManagedThreadId;
            if (sent < 5)
            {
                socket.Send([(byte)sent++], destination);
            }
            return Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 1000);
        });
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(new[] { (byte)i }, await ReceiveAsync(client));
        }
        Assert.True(await handler.Ticks.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains(pumpThread, handler.Threads);

        // A throwing pump is counted and the loop goes on; a disposed registration is not called again.
        var thrown = new TaskCompletionSource();
        using IDisposable faulty = loop.AddPump(() =>
        {
            thrown.TrySetResult();
            throw new InvalidOperationException("pump bug");
        });
        await thrown.Task.WaitAsync(TimeSpan.FromSeconds(10));
        registration.Dispose();
        int callsAfter = 0;
        using IDisposable counter = loop.AddPump(() =>
        {
            callsAfter++;
            return Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 1000);
        });
        await Task.Run(async () =>
        {
            while (Volatile.Read(ref callsAfter) < 3)
            {
                await Task.Yield();
            }
        }).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(loop.PumpFaults >= 1);
        await client.SendAsync(new byte[] { 7, 8 }, socket.LocalEndPoint);
        Assert.Equal(new byte[] { 8, 7 }, await ReceiveAsync(client));
    }

    [Fact]
    public async Task APumpRunsNoEarlierThanTheTimeItAskedForAndSeveralKeepTheirOwnTimes()
    {
        using var loop = new MediaIoLoop();
        long halfMillisecond = Stopwatch.Frequency / 2000;
        var calls = new List<(long At, long Asked)>[] { [], [] };
        var done = new TaskCompletionSource();
        IDisposable Register(int index, long step) => loop.AddPump(() =>
        {
            long now = Stopwatch.GetTimestamp();
            List<(long At, long Asked)> list = calls[index];
            long asked = list.Count < 20 ? now + step : long.MaxValue; // after 20 calls: never again
            list.Add((now, asked));
            if (calls[0].Count >= 20 && calls[1].Count >= 20)
            {
                done.TrySetResult();
            }
            return asked;
        });
        using IDisposable fast = Register(0, halfMillisecond);
        using IDisposable slow = Register(1, 3 * halfMillisecond);
        await done.Task.WaitAsync(TimeSpan.FromSeconds(20));
        foreach (List<(long At, long Asked)> list in calls)
        {
            for (int i = 1; i < list.Count; i++)
            {
                Assert.True(list[i].At >= list[i - 1].Asked, $"call {i} came {list[i - 1].Asked - list[i].At} ticks before the time it asked for");
            }
        }
    }

    [Fact]
    public async Task APumpHeldUpByAnotherCountsAsLateAndAResetForgetsIt()
    {
        using var loop = new MediaIoLoop();
        long millisecond = Stopwatch.Frequency / 1000;
        int blockingCalls = 0;
        var blocked = new TaskCompletionSource();
        // The second call of this pump keeps the loop busy for 200 ms; the other pump, due every millisecond, waits.
        using IDisposable blocker = loop.AddPump(() =>
        {
            if (++blockingCalls == 2)
            {
                Thread.Sleep(200);
                blocked.TrySetResult();
                return long.MaxValue;
            }
            return Stopwatch.GetTimestamp() + 5 * millisecond;
        });
        int ticks = 0;
        var ranAfter = new TaskCompletionSource();
        using IDisposable ticker = loop.AddPump(() =>
        {
            if (blocked.Task.IsCompleted && ++ticks == 3)
            {
                ranAfter.TrySetResult();
            }
            return Stopwatch.GetTimestamp() + millisecond;
        });
        await ranAfter.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(loop.LongestPumpDelayMilliseconds >= 150, $"longest delay {loop.LongestPumpDelayMilliseconds} ms");
        Assert.True(loop.PumpLatenessMicroseconds(1.0) >= 150_000, $"lateness max {loop.PumpLatenessMicroseconds(1.0)} us");

        loop.ResetDelayStatistics();
        var afterReset = new TaskCompletionSource();
        int counted = 0;
        using IDisposable counter = loop.AddPump(() =>
        {
            if (++counted == 5)
            {
                afterReset.TrySetResult();
            }
            return Stopwatch.GetTimestamp() + millisecond;
        });
        await afterReset.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(loop.LongestPumpDelayMilliseconds < 150, $"the 200 ms hold-up was remembered after the reset ({loop.LongestPumpDelayMilliseconds} ms)");
    }
}
