using System.IO;
using Confab.Rtc.Dtls;

namespace Confab.Rtc.Tests.Dtls;

public sealed class QueuedDatagramTransportTests
{
    private sealed class RecordingSender : IDatagramSender
    {
        public List<byte[]> Sent { get; } = [];

        public bool Fail { get; set; }

        public void Send(ReadOnlySpan<byte> datagram)
        {
            if (Fail)
            {
                throw new InvalidOperationException("socket gone");
            }

            Sent.Add(datagram.ToArray());
        }
    }

    [Fact]
    public void Datagrams_come_out_in_order_and_whole()
    {
        var transport = new QueuedDatagramTransport(new RecordingSender(), 1200, 8, 8 * 1200);
        transport.TryEnqueue([1, 2, 3]);
        transport.TryEnqueue([4, 5]);
        var buffer = new byte[1200];

        Assert.Equal(3, transport.Receive(buffer, 100));
        Assert.Equal(new byte[] { 1, 2, 3 }, buffer[..3]);
        Assert.Equal(2, transport.Receive(buffer, 100));
        Assert.Equal(new byte[] { 4, 5 }, buffer[..2]);
    }

    [Fact]
    public void Queue_is_bounded_by_count_and_by_bytes()
    {
        var byCount = new QueuedDatagramTransport(new RecordingSender(), 1200, 2, 1_000_000);
        Assert.True(byCount.TryEnqueue([1]));
        Assert.True(byCount.TryEnqueue([2]));
        Assert.False(byCount.TryEnqueue([3]));
        Assert.Equal(1, byCount.DroppedDatagrams);

        var byBytes = new QueuedDatagramTransport(new RecordingSender(), 1200, 100, 1000);
        Assert.True(byBytes.TryEnqueue(new byte[600]));
        Assert.False(byBytes.TryEnqueue(new byte[600]));
        Assert.True(byBytes.TryEnqueue(new byte[400]));
        Assert.Equal(1, byBytes.DroppedDatagrams);
        Assert.Equal(2, byBytes.QueuedDatagrams);
    }

    [Fact]
    public void Empty_queue_returns_minus_one_after_the_wait()
    {
        var transport = new QueuedDatagramTransport(new RecordingSender(), 1200, 8, 8 * 1200);

        Assert.Equal(-1, transport.Receive(new byte[1200], 5));
    }

    [Fact]
    public async Task Waiting_receive_wakes_up_on_a_datagram()
    {
        var transport = new QueuedDatagramTransport(new RecordingSender(), 1200, 8, 8 * 1200);
        var receive = Task.Factory.StartNew(() => transport.Receive(new byte[1200], 0), TaskCreationOptions.LongRunning);

        transport.TryEnqueue([9, 9, 9, 9]);

        Assert.Equal(4, await receive.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Close_wakes_a_waiting_receive_with_an_IOException_and_drops_later_datagrams()
    {
        var transport = new QueuedDatagramTransport(new RecordingSender(), 1200, 8, 8 * 1200);
        var closed = 0;
        transport.Closed += () => closed++;
        var receive = Task.Factory.StartNew(() => transport.Receive(new byte[1200], 0), TaskCreationOptions.LongRunning);

        transport.Close();
        transport.Close();

        await Assert.ThrowsAsync<IOException>(() => receive.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(transport.TryEnqueue([1]));
        Assert.Equal(1, closed);
    }

    [Fact]
    public void Sender_failures_are_counted_as_loss_not_thrown()
    {
        var sender = new RecordingSender();
        var transport = new QueuedDatagramTransport(sender, 1200, 8, 8 * 1200);

        transport.Send([1, 2], 0, 2);
        sender.Fail = true;
        transport.Send([3]);

        Assert.Single(sender.Sent);
        Assert.Equal(1, transport.SendFailures);
        Assert.Equal(1200, transport.GetSendLimit());
        Assert.Equal(1200, transport.GetReceiveLimit());
    }

    [Fact]
    public void Datagram_longer_than_the_buffer_is_cut_short()
    {
        var transport = new QueuedDatagramTransport(new RecordingSender(), 1200, 8, 8 * 1200);
        transport.TryEnqueue([1, 2, 3, 4, 5]);

        var buffer = new byte[3];

        Assert.Equal(3, transport.Receive(buffer, 100));
        Assert.Equal(new byte[] { 1, 2, 3 }, buffer);
    }
}
