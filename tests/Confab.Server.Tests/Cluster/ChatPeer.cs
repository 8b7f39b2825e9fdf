using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Confab.Server.Tests.Cluster;

/// <summary>
/// A chat client on a real WebSocket, as a careful client behaves: every message has a client id and is sent again after a
/// reconnect until acknowledged; after losing its socket it resumes (on any node) with the last chat id it saw, and it
/// records every chat message it receives — live or in the resume's catch-up — so a test can check each arrived once.
/// </summary>
public sealed class ChatPeer : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _unacknowledged = new(StringComparer.Ordinal); // client id → JSON sent
    private readonly Dictionary<string, Guid> _acknowledged = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, int> _received = [];
    private readonly List<string> _errors = [];
    private readonly SemaphoreSlim _changed = new(0);
    private ClientWebSocket? _socket;
    private Task? _reader;
    private TaskCompletionSource<JsonElement>? _answer;
    private Guid? _lastSeen;

    private ChatPeer(string name) => Name = name;

    public string Name { get; }

    public string MeetingId { get; private set; } = "";

    public string ParticipantId { get; private set; } = "";

    public string ResumeToken { get; private set; } = "";

    /// <summary>True while the socket is up.</summary>
    public bool Connected => _socket?.State == WebSocketState.Open && _reader is { IsCompleted: false };

    public int Resumes { get; private set; }

    /// <summary>Joins with <paramref name="join"/> (a <c>join</c> message) on <paramref name="endpoint"/>.</summary>
    public static async Task<ChatPeer> JoinAsync(Uri endpoint, string name, object join)
    {
        var peer = new ChatPeer(name);
        var joined = await peer.ConnectAsync(endpoint, join, "joined");
        peer.MeetingId = joined.GetProperty("meetingId").GetString()!;
        peer.ParticipantId = joined.GetProperty("participantId").GetString()!;
        return peer;
    }

    /// <summary>Resumes on <paramref name="endpoint"/> after the socket was lost; false when that node did not answer.</summary>
    public async Task<bool> TryResumeAsync(Uri endpoint)
    {
        Guid? after;
        lock (_lock)
        {
            after = _lastSeen;
        }
        object resume = after is { } id
            ? new { type = "resume", meetingId = MeetingId, resumeToken = ResumeToken, chatAfter = id }
            : new { type = "resume", meetingId = MeetingId, resumeToken = ResumeToken };
        try
        {
            await ConnectAsync(endpoint, resume, "resumed");
        }
        catch (WebSocketException)
        {
            return false; // the node is down (or not up yet)
        }
        Resumes++;
        List<string> again;
        lock (_lock)
        {
            again = [.. _unacknowledged.Values];
        }
        foreach (var message in again)
        {
            await SendTextAsync(message);
        }
        return true;
    }

    private async Task<JsonElement> ConnectAsync(Uri endpoint, object first, string expected)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(endpoint, CancellationToken.None).WaitAsync(Patience);
        _socket = socket;
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _answer = answer;
        _reader = Task.Run(() => ReadAsync(socket));
        await SendTextAsync(JsonSerializer.Serialize(first));
        var reply = await answer.Task.WaitAsync(Patience);
        if (reply.GetProperty("type").GetString() != expected)
        {
            throw new InvalidOperationException($"{Name}: expected '{expected}', got {reply.GetRawText()}");
        }
        ResumeToken = reply.GetProperty("resumeToken").GetString()!;
        return reply;
    }

    /// <summary>Sends a chat message (to everyone, or privately to <paramref name="to"/>); it is sent again until acknowledged.</summary>
    public async Task SendChatAsync(string clientId, string text, string? to = null)
    {
        var json = JsonSerializer.Serialize(new { type = "chat-send", clientId, text, to });
        lock (_lock)
        {
            _unacknowledged[clientId] = json;
        }
        if (Connected)
        {
            await SendTextAsync(json);
        }
    }

    private async Task SendTextAsync(string json)
    {
        var socket = _socket;
        if (socket is null)
        {
            return;
        }
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(Patience);
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
        {
            // Lost: the message stays unacknowledged and goes again after the resume.
        }
    }

    /// <summary>Waits until something changed (an acknowledgement, a message, the socket lost), at most <paramref name="timeout"/>.</summary>
    public Task<bool> WaitForChangeAsync(TimeSpan timeout) => _changed.WaitAsync(timeout);

    public int UnacknowledgedCount
    {
        get
        {
            lock (_lock)
            {
                return _unacknowledged.Count;
            }
        }
    }

    /// <summary>Client id → message id of every acknowledged message.</summary>
    public IReadOnlyDictionary<string, Guid> Acknowledged
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, Guid>(_acknowledged);
            }
        }
    }

    /// <summary>Message id → how many times it arrived.</summary>
    public IReadOnlyDictionary<Guid, int> Received
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<Guid, int>(_received);
            }
        }
    }

    /// <summary>Error messages the server sent (they fail the loss test).</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_lock)
            {
                return [.. _errors];
            }
        }
    }

    private async Task ReadAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }
                using (var document = JsonDocument.Parse(message.ToArray()))
                {
                    Handle(document.RootElement);
                }
                message.SetLength(0);
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The socket was lost.
        }
        finally
        {
            _answer?.TrySetException(new WebSocketException("the socket closed before the answer"));
            _changed.Release();
        }
    }

    private void Handle(JsonElement m)
    {
        string? type = m.TryGetProperty("type", out var t) ? t.GetString() : null;
        switch (type)
        {
            case "joined" or "resumed":
                _answer?.TrySetResult(m.Clone());
                return;
            case "chat":
                Receive(m.GetProperty("message"));
                break;
            case "chats" or "chat-history":
                foreach (var each in m.GetProperty("messages").EnumerateArray())
                {
                    Receive(each);
                }
                break;
            case "chat-ack":
                lock (_lock)
                {
                    var clientId = m.GetProperty("clientId").GetString()!;
                    _unacknowledged.Remove(clientId);
                    _acknowledged[clientId] = m.GetProperty("messageId").GetGuid();
                }
                break;
            case "error":
                var code = m.GetProperty("code").GetString();
                if (_answer is { Task.IsCompleted: false } waiting)
                {
                    waiting.TrySetResult(m.Clone());
                    return;
                }
                lock (_lock)
                {
                    _errors.Add(m.GetRawText());
                }
                break;
            default:
                return; // roster, media: not this client's business
        }
        _changed.Release();
    }

    private void Receive(JsonElement message)
    {
        var id = message.GetProperty("id").GetGuid();
        lock (_lock)
        {
            _received[id] = _received.GetValueOrDefault(id) + 1;
            _lastSeen = id;
        }
    }

    /// <summary>Drops the socket without a close, as a lost network does.</summary>
    public void Abort() => _socket?.Abort();

    public async ValueTask DisposeAsync()
    {
        if (_socket is { State: WebSocketState.Open } socket)
        {
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).WaitAsync(Patience);
            }
            catch (Exception e) when (e is WebSocketException or TimeoutException)
            {
                // Gone already.
            }
        }
        if (_reader is not null)
        {
            await _reader.WaitAsync(Patience);
        }
        _socket?.Dispose();
    }
}
