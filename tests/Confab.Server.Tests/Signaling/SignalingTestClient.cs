using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Confab.Server.Tests.Infrastructure;

namespace Confab.Server.Tests.Signaling;

/// <summary>
/// A raw meeting-signaling socket for tests: sends JSON objects, keeps every message received (in order), and waits
/// for a message that matches a condition.
/// </summary>
public sealed class SignalingTestClient : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly WebSocket _socket;
    private readonly Channel<JsonElement> _incoming = Channel.CreateUnbounded<JsonElement>();
    private readonly List<JsonElement> _seen = [];
    private readonly Lock _seenLock = new();
    private readonly Task _reader;
    private int _consumed;

    private SignalingTestClient(WebSocket socket)
    {
        _socket = socket;
        _reader = Task.Run(ReadAsync);
    }

    /// <summary>Set when the server closed the socket: its close description.</summary>
    public string? ClosedWith { get; private set; }

    public static async Task<SignalingTestClient> ConnectAsync(ServerFixture fixture)
    {
        var client = fixture.App.Server.CreateWebSocketClient();
        var socket = await client.ConnectAsync(new Uri(fixture.App.Server.BaseAddress, "/sfu/ws"), CancellationToken.None).WaitAsync(Patience);
        return new SignalingTestClient(socket);
    }

    /// <summary>Every message received so far; each <c>chat</c> of a <c>chats</c> on its own.</summary>
    public IReadOnlyList<JsonElement> Seen
    {
        get
        {
            lock (_seenLock)
            {
                return [.. _seen];
            }
        }
    }

    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message));

    public Task SendTextAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(Patience);

    /// <summary>The next message (after those already consumed) that matches; earlier non-matching ones are skipped.</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match, string what)
    {
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            while (true)
            {
                JsonElement message;
                lock (_seenLock)
                {
                    if (_consumed < _seen.Count)
                    {
                        message = _seen[_consumed++];
                        if (match(message))
                        {
                            return message;
                        }
                        continue;
                    }
                }
                if (!await _incoming.Reader.WaitToReadAsync(timeout.Token))
                {
                    lock (_seenLock)
                    {
                        if (_consumed < _seen.Count)
                        {
                            continue;
                        }
                    }
                    throw new ChannelClosedException();
                }
                while (_incoming.Reader.TryRead(out _))
                {
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            throw new Xunit.Sdk.XunitException($"waited for {what}; got: {string.Join(" | ", Seen.Select(m => m.GetRawText()))}");
        }
    }

    public Task<JsonElement> WaitForTypeAsync(string type) => WaitForAsync(m => Type(m) == type, $"a '{type}' message");

    public Task<JsonElement> WaitForEventAsync(string name, string? participantId = null) =>
        WaitForAsync(m => Type(m) == "event" && m.GetProperty("event").GetString() == name
            && (participantId is null || (m.TryGetProperty("participantId", out var p) && p.GetString() == participantId)),
            $"event '{name}'{(participantId is null ? "" : $" of {participantId}")}");

    public async Task<string> WaitForErrorAsync()
    {
        var error = await WaitForTypeAsync("error");
        return error.GetProperty("code").GetString()!;
    }

    /// <summary>Waits until the server has closed the socket.</summary>
    public async Task<string?> WaitForCloseAsync()
    {
        await _reader.WaitAsync(Patience);
        return ClosedWith;
    }

    /// <summary>Drops the connection without a close handshake or a leave, as a lost network does.</summary>
    public async Task AbortAsync()
    {
        _socket.Abort();
        await _reader.WaitAsync(Patience);
    }

    public static string? Type(JsonElement m) => m.TryGetProperty("type", out var t) ? t.GetString() : null;

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                // The reader loop receives the server's answering close frame.
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).WaitAsync(Patience);
            }
            await _reader.WaitAsync(Patience);
        }
        catch (Exception e) when (e is WebSocketException or TimeoutException or OperationCanceledException)
        {
        }
        _socket.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[256 * 1024];
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                int length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                    length += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    ClosedWith = _socket.CloseStatusDescription ?? "";
                    break;
                }
                using var document = JsonDocument.Parse(buffer.AsMemory(0, length));
                var frame = document.RootElement.Clone();
                lock (_seenLock)
                {
                    if (Type(frame) == "chats")
                    {
                        // Several deliveries in one: seen as that many "chat", as a client reads them.
                        foreach (var message in frame.GetProperty("messages").EnumerateArray())
                        {
                            _seen.Add(JsonSerializer.SerializeToElement(new { type = "chat", message }));
                        }
                    }
                    else
                    {
                        _seen.Add(frame);
                    }
                }
                _incoming.Writer.TryWrite(default);
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or InvalidOperationException or IOException)
        {
            ClosedWith ??= "aborted";
        }
        finally
        {
            _incoming.Writer.TryComplete();
        }
    }
}
