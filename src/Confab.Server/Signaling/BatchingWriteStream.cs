using System.Buffers;

namespace Confab.Server.Signaling;

/// <summary>
/// The upgraded connection under a signaling WebSocket, able to gather the frames of many messages into one write. Between
/// <see cref="BeginBatchAsync"/> and <see cref="EndBatchAsync"/> the WebSocket's frame writes are copied into a pooled buffer,
/// and the end writes them to the connection at once: one write and flush through the server's pipe for a whole outbox of
/// messages instead of one per message (a busy chat sends each message to every participant). Outside a batch writes go
/// straight through. Every write to the connection — the batch, or the WebSocket's own frames such as the pong it answers a
/// ping with — is serialized here, so frames never interleave; a frame written during a batch by another caller joins the
/// batch and leaves with it.
/// </summary>
internal sealed class BatchingWriteStream(Stream inner) : Stream
{
    /// <summary>A batch that grows past this is written out and goes on filling the buffer from its start.</summary>
    public const int MaxBatchBytes = 64 * 1024;

    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private byte[]? _buffer;
    private int _buffered;
    private bool _batching;
    private bool _disposed;

    /// <summary>From now on writes are gathered until <see cref="EndBatchAsync"/>.</summary>
    public async ValueTask BeginBatchAsync(CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _batching = true;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Writes what the batch gathered to the connection, and lets later writes go straight through again.</summary>
    public async ValueTask EndBatchAsync(CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            _batching = false;
            await WriteBufferedAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_batching)
            {
                await inner.WriteAsync(buffer, cancellationToken);
                return;
            }
            if (_buffered + buffer.Length > MaxBatchBytes)
            {
                await WriteBufferedAsync(cancellationToken);
            }
            if (buffer.Length > MaxBatchBytes)
            {
                await inner.WriteAsync(buffer, cancellationToken);
                return;
            }
            _buffer ??= ArrayPool<byte>.Shared.Rent(MaxBatchBytes);
            buffer.Span.CopyTo(_buffer.AsSpan(_buffered));
            _buffered += buffer.Length;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    // Under the write lock.
    private async ValueTask WriteBufferedAsync(CancellationToken cancellationToken)
    {
        if (_buffered == 0)
        {
            return;
        }
        int count = _buffered;
        _buffered = 0;
        await inner.WriteAsync(_buffer.AsMemory(0, count), cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override bool CanRead => inner.CanRead;

    public override bool CanWrite => inner.CanWrite;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ReleaseBuffer();
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    // The buffer goes back to the pool only when no write holds it; a write still in progress keeps it (and the pool
    // never sees it again, which is harmless).
    private void ReleaseBuffer()
    {
        if (!_writeLock.Wait(0))
        {
            _disposed = true;
            return;
        }
        try
        {
            _disposed = true;
            if (_buffer is { } buffer)
            {
                _buffer = null;
                _buffered = 0;
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
