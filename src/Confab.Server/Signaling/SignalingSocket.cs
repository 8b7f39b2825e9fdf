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

    /// <summary>
    /// The next text message; null when the socket closed (or a message was too big, which closes it). Binary
    /// frames and bad UTF-8 are answered with a <c>bad-message</c> error and skipped.
    /// </summary>
    public async Task<string?> ReceiveAsync(CancellationToken cancellationToken)
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
