using System.Net.WebSockets;
using System.Text.Json;

namespace Confab.ChatBench.Protocol;

/// <summary>
/// One participant's meeting signaling socket (docs/signaling.md) over a plain <see cref="ClientWebSocket"/>: the join, then
/// whole text messages read into one reused buffer. One reader and one writer at a time, as the WebSocket allows.
/// </summary>
internal sealed class ChatSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private byte[] _buffer = new byte[16 * 1024];

    private ChatSocket()
    {
    }

    public string ParticipantId { get; private set; } = "";

    /// <summary>Why the server closed the socket (e.g. <c>too-slow</c>), once it did.</summary>
    public string? CloseReason { get; private set; }

    public static async Task<ChatSocket> ConnectAsync(Uri signaling, CancellationToken cancellationToken)
    {
        var socket = new ChatSocket();
        socket._socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await socket._socket.ConnectAsync(signaling, cancellationToken);
        return socket;
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken) =>
        _socket.SendAsync(utf8Json, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    public ValueTask SendAsync(object message, CancellationToken cancellationToken) =>
        SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), cancellationToken);

    /// <summary>
    /// The next whole message, valid until the next call; empty once the socket is closed (see <see cref="CloseReason"/>).
    /// </summary>
    public async ValueTask<ReadOnlyMemory<byte>> ReceiveAsync(CancellationToken cancellationToken)
    {
        int length = 0;
        while (true)
        {
            if (length == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
            var result = await _socket.ReceiveAsync(_buffer.AsMemory(length), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                CloseReason = _socket.CloseStatusDescription is { Length: > 0 } reason ? reason : _socket.CloseStatus?.ToString() ?? "closed";
                return ReadOnlyMemory<byte>.Empty;
            }
            length += result.Count;
            if (result.EndOfMessage)
            {
                return _buffer.AsMemory(0, length);
            }
        }
    }

    /// <summary>Sends the <c>join</c> and reads until the <c>meeting-state</c> says <c>in-meeting</c>.</summary>
    public async Task JoinAsync(object join, CancellationToken cancellationToken)
    {
        await SendAsync(join, cancellationToken);
        while (true)
        {
            var message = await ReceiveAsync(cancellationToken);
            if (message.IsEmpty)
            {
                throw new InvalidOperationException($"the server closed the socket during the join: {CloseReason}");
            }
            using var document = JsonDocument.Parse(message);
            var root = document.RootElement;
            switch (root.GetProperty("type").GetString())
            {
                case "joined":
                    ParticipantId = root.GetProperty("participantId").GetString()!;
                    break;
                case "meeting-state" when root.GetProperty("state").GetString() is var state:
                    if (state == "in-meeting")
                    {
                        return;
                    }
                    throw new InvalidOperationException($"joined in state {state}, not in the meeting");
                case "error":
                    throw new InvalidOperationException($"join refused: {root.GetRawText()}");
            }
        }
    }

    /// <summary>Says <c>leave</c> (when the socket is still open) and closes it.</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        if (_socket.State != WebSocketState.Open)
        {
            return;
        }
        try
        {
            await SendAsync(new { type = "leave" }, cancellationToken);
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bench over", cancellationToken);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // Gone already: nothing to leave.
        }
    }

    public void Abort() => _socket.Abort();

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
