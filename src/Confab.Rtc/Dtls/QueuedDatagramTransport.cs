using System.Buffers;
using System.IO;
using Org.BouncyCastle.Tls;

namespace Confab.Rtc.Dtls;

/// <summary>
/// BouncyCastle's <see cref="DatagramTransport"/> over a bounded in-memory queue: the UDP receive loop pushes
/// datagrams in with <see cref="TryEnqueue"/> (a copy into a pooled buffer, never blocking), the DTLS engine pulls
/// them out with <see cref="Receive(Span{byte}, int)"/> on its own thread, and sends go straight to the
/// <see cref="IDatagramSender"/>.
/// </summary>
internal sealed class QueuedDatagramTransport : DatagramTransport
{
    private readonly IDatagramSender _sender;
    private readonly int _mtuBytes;
    private readonly int _maxDatagrams;
    private readonly int _maxBytes;
    private readonly Queue<(byte[] Buffer, int Length)> _queue = new();
    private readonly object _lock = new();
    private int _queuedBytes;
    private bool _closed;
    private long _droppedDatagrams;
    private long _sendFailures;

    public QueuedDatagramTransport(IDatagramSender sender, int mtuBytes, int maxDatagrams, int maxBytes)
    {
        _sender = sender;
        _mtuBytes = mtuBytes;
        _maxDatagrams = maxDatagrams;
        _maxBytes = maxBytes;
    }

    /// <summary>Raised once when the DTLS engine (or we) close the transport.</summary>
    public event Action? Closed;

    public long DroppedDatagrams => Interlocked.Read(ref _droppedDatagrams);

    public long SendFailures => Interlocked.Read(ref _sendFailures);

    public bool IsClosed
    {
        get
        {
            lock (_lock)
            {
                return _closed;
            }
        }
    }

    public bool HasQueued => QueuedDatagrams > 0;

    public int QueuedDatagrams
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Counts a datagram dropped before it reached the queue.</summary>
    public void CountDrop() => Interlocked.Increment(ref _droppedDatagrams);

    /// <summary>Copies a datagram into the queue; false (and counted) when closed, empty, oversized or full.</summary>
    public bool TryEnqueue(ReadOnlySpan<byte> datagram)
    {
        if (datagram.IsEmpty || datagram.Length > _mtuBytes * 2)
        {
            Interlocked.Increment(ref _droppedDatagrams);
            return false;
        }

        lock (_lock)
        {
            if (_closed || _queue.Count >= _maxDatagrams || _queuedBytes + datagram.Length > _maxBytes)
            {
                Interlocked.Increment(ref _droppedDatagrams);
                return false;
            }

            var buffer = ArrayPool<byte>.Shared.Rent(datagram.Length);
            datagram.CopyTo(buffer);
            _queue.Enqueue((buffer, datagram.Length));
            _queuedBytes += datagram.Length;
            Monitor.PulseAll(_lock);
        }

        return true;
    }

    public int GetReceiveLimit() => _mtuBytes;

    public int GetSendLimit() => _mtuBytes;

    public int Receive(byte[] buf, int off, int len, int waitMillis) => Receive(buf.AsSpan(off, len), waitMillis);

    /// <summary>
    /// Waits up to <paramref name="waitMillis"/> (0: until a datagram or close) for a datagram; -1 on timeout.
    /// Throws <see cref="IOException"/> once closed, which ends a handshake in progress.
    /// </summary>
    public int Receive(Span<byte> buffer, int waitMillis)
    {
        (byte[] Buffer, int Length) item;
        lock (_lock)
        {
            var deadline = waitMillis > 0 ? Environment.TickCount64 + waitMillis : long.MaxValue;
            while (_queue.Count == 0)
            {
                if (_closed)
                {
                    throw new IOException("DTLS transport closed.");
                }

                var remaining = deadline - Environment.TickCount64;
                if (remaining <= 0)
                {
                    return -1;
                }

                Monitor.Wait(_lock, (int)Math.Min(remaining, int.MaxValue));
            }

            item = _queue.Dequeue();
            _queuedBytes -= item.Length;
        }

        // A datagram larger than the engine's buffer is cut short; the record length check then discards it.
        var length = Math.Min(item.Length, buffer.Length);
        item.Buffer.AsSpan(0, length).CopyTo(buffer);
        ArrayPool<byte>.Shared.Return(item.Buffer);
        return length;
    }

    public void Send(byte[] buf, int off, int len) => Send(buf.AsSpan(off, len));

    public void Send(ReadOnlySpan<byte> buffer)
    {
        if (IsClosed)
        {
            return;
        }

        try
        {
            _sender.Send(buffer);
        }
        catch (Exception)
        {
            // A failed UDP send is packet loss: handshake flights are retransmitted by the DTLS engine.
            Interlocked.Increment(ref _sendFailures);
        }
    }

    /// <summary>Closes the queue: waiting and later receives fail, queued datagrams are released.</summary>
    public void Close()
    {
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            while (_queue.Count > 0)
            {
                ArrayPool<byte>.Shared.Return(_queue.Dequeue().Buffer);
            }

            _queuedBytes = 0;
            Monitor.PulseAll(_lock);
        }

        Closed?.Invoke();
    }
}
