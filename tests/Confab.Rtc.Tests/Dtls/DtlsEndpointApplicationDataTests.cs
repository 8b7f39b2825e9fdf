using Confab.Rtc.Dtls;

namespace Confab.Rtc.Tests.Dtls;

public sealed class DtlsEndpointApplicationDataTests
{
    [Fact]
    public async Task Application_data_flows_both_ways_after_the_handshake()
    {
        using var pair = new DtlsPair();
        await pair.ConnectAsync();
        var atServer = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var atClient = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        pair.Server.ApplicationDataReceived += data => atServer.TrySetResult(data.ToArray());
        pair.Client.ApplicationDataReceived += data => atClient.TrySetResult(data.ToArray());

        pair.Client.Send("from client"u8);
        pair.Server.Send("from server"u8);

        Assert.Equal("from client"u8.ToArray(), await atServer.Task.WaitAsync(DtlsPair.TestTimeout));
        Assert.Equal("from server"u8.ToArray(), await atClient.Task.WaitAsync(DtlsPair.TestTimeout));
    }

    [Fact]
    public async Task Many_records_arrive_complete_and_in_order_on_a_lossless_link()
    {
        using var pair = new DtlsPair();
        await pair.ConnectAsync();
        const int count = 200;
        var received = new List<int>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pair.Server.ApplicationDataReceived += data =>
        {
            lock (received)
            {
                received.Add(BitConverter.ToInt32(data));
                if (received.Count == count)
                {
                    all.TrySetResult();
                }
            }
        };

        for (var i = 0; i < count; i++)
        {
            pair.Client.Send(BitConverter.GetBytes(i));
            // The receive queue is bounded (64 datagrams): pace the sender on what was consumed, as a UDP link would drop.
            await Eventually.TrueAsync(() => { lock (received) { return received.Count > i - 32; } });
        }

        await all.Task.WaitAsync(DtlsPair.TestTimeout);
        Assert.Equal(Enumerable.Range(0, count), received);
    }

    [Fact]
    public async Task Send_larger_than_the_record_limit_is_refused_without_breaking_the_association()
    {
        using var pair = new DtlsPair();
        await pair.ConnectAsync();
        var limit = pair.Client.MaxApplicationDataBytes;

        Assert.InRange(limit, 1000, 1200);
        Assert.Throws<ArgumentException>(() => pair.Client.Send(new byte[limit + 1]));
        Assert.Equal(DtlsEndpointState.Connected, pair.Client.State);

        var atServer = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        pair.Server.ApplicationDataReceived += data => atServer.TrySetResult(data.Length);
        pair.Client.Send(new byte[limit]);
        Assert.Equal(limit, await atServer.Task.WaitAsync(DtlsPair.TestTimeout));
    }

    [Fact]
    public void Send_before_the_handshake_is_refused()
    {
        using var pair = new DtlsPair();

        Assert.Throws<InvalidOperationException>(() => pair.Client.Send("too early"u8));
    }

    [Fact]
    public async Task Close_sends_close_notify_and_both_sides_end_closed()
    {
        using var pair = new DtlsPair();
        await pair.ConnectAsync();
        var serverClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clientClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pair.Server.Closed += () => serverClosed.TrySetResult();
        pair.Client.Closed += () => clientClosed.TrySetResult();

        pair.Client.Close();

        await clientClosed.Task.WaitAsync(DtlsPair.TestTimeout);
        await serverClosed.Task.WaitAsync(DtlsPair.TestTimeout);
        Assert.Equal(DtlsEndpointState.Closed, pair.Client.State);
        Assert.Equal(DtlsEndpointState.Closed, pair.Server.State);
        Assert.Throws<InvalidOperationException>(() => pair.Server.Send("after close"u8));
        pair.Client.Close(); // idempotent
    }
}
