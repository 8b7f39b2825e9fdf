using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Confab.Server.Signaling;

/// <summary>
/// A signaling WebSocket seen as a sequence of JSON text messages: reads whole messages (at most
/// <see cref="MaxMessageBytes"/>, UTF-8 text frames) and writes them, one writer at a time. With the connection's
/// <see cref="BatchingWriteStream"/> under the WebSocket, <see cref="SendManyAsync"/> writes many messages at once.
/// </summary>
internal sealed class SignalingSocket(WebSocket socket, BatchingWriteStream? connection = null) : ISignalingSocket
{
    public const int MaxMessageBytes = 256 * 1024;
    private const int ReceiveChunkBytes = 16 * 1024;
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private ArrayBufferWriter<byte>? _receiveBuffer;

    public WebSocket Socket => socket;

    public bool IsOpen => socket.State == WebSocketState.Open;

    private static readonly TimeSpan CloseAnswerWait = TimeSpan.FromSeconds(5);

    private CancellationTokenSource? _joinDeadline;
    private Task? _joinExpired;

    /// <summary>
    /// Unless <see cref="MarkJoined"/> comes within <paramref name="within"/> (by <paramref name="time"/>), the socket is
    /// closed with 1008 <c>join-timeout</c> (Confab:Signaling:JoinWithinSeconds): the receive waiting then returns null.
    /// </summary>
    public void StartJoinDeadline(TimeSpan within, TimeProvider time)
    {
        _joinDeadline = new CancellationTokenSource();
        _joinExpired = Task.Delay(within, time, _joinDeadline.Token);
    }

    public void MarkJoined()
    {
        _joinExpired = null;
        _joinDeadline?.Cancel(); // lets the timer go
    }

    /// <summary>
    /// The next text message; null when the socket closed (or a message was too big, which closes it, or the time to join
    /// ran out, which closes it too). Binary frames and bad UTF-8 are answered with a <c>bad-message</c> error and skipped.
    /// </summary>
    public async Task<string?> ReceiveAsync(CancellationToken cancellationToken)
    {
        if (_joinExpired is not { } expired)
        {
            return await ReceiveMessageAsync(cancellationToken);
        }
        var receiving = ReceiveMessageAsync(cancellationToken);
        if (await Task.WhenAny(receiving, expired) == receiving || expired.IsCanceled)
        {
            return await receiving;
        }
        await CloseUnjoinedAsync(receiving);
        return null;
    }

    // The time to join ran out: a policy close naming the reason, whose answering close frame ends the pending receive; a
    // client that does not answer within CloseAnswerWait is dropped.
    private async Task CloseUnjoinedAsync(Task<string?> receiving)
    {
        try
        {
            using var timeout = new CancellationTokenSource(CloseAnswerWait);
            await _sendLock.WaitAsync(timeout.Token);
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, JoinTimeoutReason, timeout.Token);
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Going anyway: dropped below.
        }
        if (await Task.WhenAny(receiving, Task.Delay(CloseAnswerWait)) != receiving)
        {
            socket.Abort();
        }
        try
        {
            await receiving;
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Ended by the close or the abort: what was wanted.
        }
    }

    /// <summary>The close description of a socket that did not join in time.</summary>
    public const string JoinTimeoutReason = "join-timeout";

    private async Task<string?> ReceiveMessageAsync(CancellationToken cancellationToken)
    {
        var buffer = ReceiveBuffer();
        while (true)
        {
            var memory = buffer.GetMemory(ReceiveChunkBytes);
            var result = await socket.ReceiveAsync(memory, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }
            buffer.Advance(result.Count);
            if (buffer.WrittenCount > MaxMessageBytes)
            {
                await socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, "message too big", CancellationToken.None);
                return null;
            }
            if (!result.EndOfMessage)
            {
                continue;
            }
            if (result.MessageType != WebSocketMessageType.Text)
            {
                await SendErrorAsync("bad-message", "messages are JSON text frames");
                buffer.Clear();
                continue;
            }
            try
            {
                return StrictUtf8.GetString(buffer.WrittenSpan);
            }
            catch (DecoderFallbackException)
            {
                await SendErrorAsync("bad-message", "not UTF-8");
                buffer.Clear();
            }
        }
    }

    // One reader at a time: the buffer of the last message, emptied (a big message's grown buffer is let go).
    private ArrayBufferWriter<byte> ReceiveBuffer()
    {
        if (_receiveBuffer is null || _receiveBuffer.Capacity > ReceiveChunkBytes * 2)
        {
            _receiveBuffer = new ArrayBufferWriter<byte>(ReceiveChunkBytes);
        }
        _receiveBuffer.ResetWrittenCount();
        return _receiveBuffer;
    }

    public async Task SendAsync(string json, CancellationToken cancellationToken = default)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await SendTextAsync(json, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public async Task SendManyAsync(IReadOnlyList<string> messages, CancellationToken cancellationToken = default)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            var batch = messages.Count > 1 ? connection : null;
            if (batch is not null)
            {
                await batch.BeginBatchAsync(cancellationToken);
            }
            try
            {
                foreach (var json in messages)
                {
                    // In a batch without a token: the WebSocket then takes its synchronous path for a write that only fills
                    // the batch (with one it registers for cancellation and goes asynchronous, every frame).
                    await SendTextAsync(json, batch is null ? cancellationToken : CancellationToken.None);
                }
            }
            finally
            {
                if (batch is not null)
                {
                    await batch.EndBatchAsync(cancellationToken);
                }
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    // Under the send lock: one text message, encoded into a pooled buffer.
    private async ValueTask SendTextAsync(string json, CancellationToken cancellationToken)
    {
        byte[] utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            int length = Encoding.UTF8.GetBytes(json, utf8);
            await socket.SendAsync(utf8.AsMemory(0, length), WebSocketMessageType.Text, true, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }

    public Task SendErrorAsync(string code, string message) =>
        SendAsync(JsonSerializer.Serialize(new { type = "error", code, message }), CancellationToken.None);

    public Task CloseAsync(string reason) => socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, reason, CancellationToken.None);

    public static bool TryGetString(JsonElement root, string name, out string value)
    {
        value = "";
        if (root.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String)
        {
            value = element.GetString()!;
            return true;
        }
        return false;
    }

    public static string Truncate(string text) => text.Length <= 32 ? text : text[..32] + "…";
}
