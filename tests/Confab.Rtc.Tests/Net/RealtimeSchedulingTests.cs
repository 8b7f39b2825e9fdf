using System.Net;
using System.Net.Sockets;
using Confab.Rtc.Net;

namespace Confab.Rtc.Tests.Net;

public class RealtimeSchedulingTests
{
    private const int SchedOther = 0;
    private const int SchedFifo = 1;

    private sealed class SilentHandler : IDatagramHandler
    {
        public void OnDatagram(Span<byte> datagram, SocketAddress source)
        {
        }

        public void OnTick()
        {
        }
    }

    // proc_pid_stat(5): field 41 is the scheduling policy; the fields after the command's closing parenthesis start at 3.
    private static int PolicyOfThisThread()
    {
        string stat = File.ReadAllText("/proc/thread-self/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[41 - 3], System.Globalization.CultureInfo.InvariantCulture);
    }

    // On a thread of its own, so that no test-runner thread is left in the real-time class.
    private static (string? Refusal, int PolicyBefore, int PolicyAfter) TryOnOwnThread(int priority)
    {
        (string?, int, int) outcome = default;
        var thread = new Thread(() =>
        {
            int before = PolicyOfThisThread();
            string? refusal = RealtimeScheduling.TryEnterFifo(priority);
            outcome = (refusal, before, PolicyOfThisThread());
        });
        thread.Start();
        thread.Join();
        return outcome;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void A_priority_outside_1_to_99_is_refused(int priority) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RealtimeScheduling.TryEnterFifo(priority));

    [Fact]
    public void The_thread_is_in_the_fifo_class_when_it_says_so_and_unchanged_with_a_reason_when_not()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.NotNull(RealtimeScheduling.TryEnterFifo(1));
            return;
        }
        var (refusal, before, after) = TryOnOwnThread(1);
        Assert.Equal(SchedOther, before);
        if (refusal is null)
        {
            Assert.Equal(SchedFifo, after);
        }
        else
        {
            Assert.Equal(SchedOther, after);
            Assert.Contains("CAP_SYS_NICE", refusal, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Priority_0_asks_for_nothing_and_leaves_the_thread_in_its_class()
    {
        (string? refusal, int before, int after) = (null, -1, -1);
        var thread = new Thread(() =>
        {
            before = OperatingSystem.IsLinux() ? PolicyOfThisThread() : SchedOther;
            refusal = RealtimeScheduling.TryEnterFifoIfAsked(0);
            after = OperatingSystem.IsLinux() ? PolicyOfThisThread() : SchedOther;
        });
        thread.Start();
        thread.Join();
        Assert.Null(refusal);
        Assert.Equal(SchedOther, before);
        Assert.Equal(SchedOther, after);
        Assert.Throws<ArgumentOutOfRangeException>(() => RealtimeScheduling.TryEnterFifoIfAsked(100));
    }

    [Fact]
    public async Task A_socket_thread_asks_for_its_priority_when_it_starts_and_tells_the_outcome()
    {
        var (ownRefusal, _, _) = TryOnOwnThread(1);
        using var socket = new UdpMediaSocket(new IPEndPoint(IPAddress.Loopback, 0), new SilentHandler()) { RealtimePriority = 1 };
        socket.Start();
        string? refusal = await socket.RealtimeRefusal.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ownRefusal is null, refusal is null);
        Assert.Throws<ArgumentOutOfRangeException>(() => socket.RealtimePriority = 100);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task A_loop_thread_asks_for_its_priority_when_it_starts_and_its_pumps_run_in_that_class(int priority)
    {
        var (ownRefusal, _, _) = TryOnOwnThread(1);
        using var loop = new MediaIoLoop("priority-test", priority);
        string? refusal = await loop.RealtimeRefusal.WaitAsync(TimeSpan.FromSeconds(10));
        var policy = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using IDisposable pump = loop.AddPump(() =>
        {
            policy.TrySetResult(PolicyOfThisThread());
            return long.MaxValue / 2;
        });
        int seen = await policy.Task.WaitAsync(TimeSpan.FromSeconds(10));
        bool fifo = priority > 0 && ownRefusal is null;
        Assert.Equal(fifo || priority == 0, refusal is null);
        Assert.Equal(fifo ? SchedFifo : SchedOther, seen);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MediaIoLoop("priority-test", 100));
    }

    [Fact]
    public async Task A_socket_that_asks_no_priority_tells_no_refusal()
    {
        using var socket = new UdpMediaSocket(new IPEndPoint(IPAddress.Loopback, 0), new SilentHandler());
        socket.Start();
        Assert.Null(await socket.RealtimeRefusal.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
