using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Confab.Server.Signaling;

namespace Confab.Server.Tests.Units;

/// <summary>
/// The stream under a signaling WebSocket gathers a batch's frames into one write to the connection, keeps every write in
/// order, and lets writes outside a batch through at once.
/// </summary>
public sealed class BatchingWriteStreamTests
{
    [Fact]
    public async Task Outside_a_batch_each_write_goes_straight_through()
    {
        var inner = new RecordingStream();
        await using var stream = new BatchingWriteStream(inner);
        await stream.WriteAsync("ab"u8.ToArray());
        await stream.WriteAsync("cd"u8.ToArray());
        Assert.Equal(["ab", "cd"], inner.Writes);
    }

    [Fact]
    public async Task A_batch_reaches_the_connection_as_one_write_when_it_ends()
    {
        var inner = new RecordingStream();
        await using var stream = new BatchingWriteStream(inner);
        await stream.BeginBatchAsync();
        await stream.WriteAsync("one "u8.ToArray());
        await stream.WriteAsync("two "u8.ToArray());
        await stream.WriteAsync("three"u8.ToArray());
        Assert.Empty(inner.Writes);
        await stream.EndBatchAsync();
        Assert.Equal(["one two three"], inner.Writes);
        await stream.WriteAsync("after"u8.ToArray());
        Assert.Equal(["one two three", "after"], inner.Writes);
    }

    [Fact]
    public async Task A_batch_bigger_than_the_buffer_goes_out_in_pieces_in_order()
    {
        var inner = new RecordingStream();
        await using var stream = new BatchingWriteStream(inner);
        var chunk = new byte[BatchingWriteStream.MaxBatchBytes / 3 + 1];
        var expected = new List<byte>();
        await stream.BeginBatchAsync();
        for (int i = 0; i < 5; i++)
        {
            Array.Fill(chunk, (byte)('a' + i));
            expected.AddRange(chunk);
            await stream.WriteAsync(chunk);
        }
        var huge = Enumerable.Repeat((byte)'z', BatchingWriteStream.MaxBatchBytes + 10).ToArray();
        expected.AddRange(huge);
        await stream.WriteAsync(huge);
        await stream.EndBatchAsync();
        Assert.True(inner.Writes.Count > 1);
        Assert.All(inner.Writes, w => Assert.True(w.Length <= BatchingWriteStream.MaxBatchBytes + 10));
        Assert.Equal(Encoding.ASCII.GetString([.. expected]), string.Concat(inner.Writes));
    }

    [Fact]
    public async Task Many_messages_sent_at_once_arrive_whole_and_in_order_over_a_real_connection()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        using var accepted = await listener.AcceptTcpClientAsync();
        var counting = new CountingStream(accepted.GetStream());
        var batching = new BatchingWriteStream(counting);
        using var serverSide = WebSocket.CreateFromStream(batching, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
        using var clientSide = WebSocket.CreateFromStream(client.GetStream(), new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
        var socket = new SignalingSocket(serverSide, batching);

        var messages = Enumerable.Range(0, 300).Select(i => $"{{\"type\":\"chat\",\"n\":{i},\"text\":\"{new string('é', i % 50)}\"}}").ToList();
        await socket.SendManyAsync(messages);

        Assert.Equal(1, counting.Writes); // 300 small frames (about 25 kB) fill one buffer
        var received = new List<string>();
        var buffer = new byte[4096];
        while (received.Count < messages.Count)
        {
            var result = await clientSide.ReceiveAsync(new ArraySegment<byte>(buffer), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(result.EndOfMessage);
            Assert.Equal(WebSocketMessageType.Text, result.MessageType);
            received.Add(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
        Assert.Equal(messages, received);
    }

    private sealed class RecordingStream : MemoryStream
    {
        public List<string> Writes { get; } = [];

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes.Add(Encoding.ASCII.GetString(buffer.Span));
            return ValueTask.CompletedTask;
        }
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public int Writes;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Writes);
            return inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override bool CanRead => true;

        public override bool CanWrite => true;

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
