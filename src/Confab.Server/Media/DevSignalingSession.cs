using System.Net.WebSockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Confab.Server.Signaling;

namespace Confab.Server.Media;

/// <summary>
/// One WebSocket of the development signaling (docs/sfu-dev-signaling.md): reads messages, refuses bad ones
/// with an error message, and writes the peer's outbox back in order.
/// </summary>
internal sealed partial class DevSignalingSession
{
    private readonly SignalingSocket _socket;
    private readonly DevRoomRegistry _rooms;
    private readonly ILogger _logger;
    private DevRoom? _room;
    private DevPeer? _peer;

    public DevSignalingSession(SignalingSocket socket, DevRoomRegistry rooms, ILogger logger)
    {
        _socket = socket;
        _rooms = rooms;
        _logger = logger;
    }

    /// <param name="first">The first message, already read by the endpoint that chose this protocol.</param>
    public async Task RunAsync(string first, CancellationToken cancellationToken)
    {
        Task? writer = null;
        try
        {
            string? text = first;
            while (text is not null)
            {
                await HandleAsync(text);
                if (writer is null && _peer is not null)
                {
                    writer = WriteOutboxAsync(_peer, cancellationToken);
                }
                text = _socket.IsOpen ? await _socket.ReceiveAsync(cancellationToken) : null;
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            _logger.LogDebug("Signaling socket ended: {Message}", e.Message);
        }
        finally
        {
            if (_room is not null && _peer is not null)
            {
                await _room.LeaveAsync(_peer);
                _rooms.ForgetIfEmpty(_room);
            }
            if (writer is not null)
            {
                await writer;
            }
        }
    }

    private async Task HandleAsync(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            await SendDirectAsync("bad-message", $"not JSON: {e.Message}");
            return;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !SignalingSocket.TryGetString(root, "type", out var type))
            {
                await SendDirectAsync("bad-message", "a message is a JSON object with a string 'type'");
                return;
            }
            switch (type)
            {
                case "join":
                    await JoinAsync(root);
                    break;
                case "publish-offer" when _peer is not null && SignalingSocket.TryGetString(root, "sdp", out var offer):
                    if (PublishSourcesMessage.TryRead(root, out var sources, out var sourcesError))
                    {
                        await _room!.PublishAsync(_peer, offer, sources);
                    }
                    else
                    {
                        await SendDirectAsync("bad-message", sourcesError);
                    }
                    break;
                case "subscribe-answer" when _peer is not null && SignalingSocket.TryGetString(root, "sdp", out var answer)
                    && root.TryGetProperty("version", out var version) && version.TryGetInt32(out int v):
                    await _room!.SubscribeAnswerAsync(_peer, v, answer);
                    break;
                case "select-video" when _peer is not null:
                    if (VideoSelectionMessage.TryRead(root, out var selection, out var selectionError))
                    {
                        await _room!.SelectVideoAsync(_peer, selection);
                    }
                    else
                    {
                        await SendDirectAsync("bad-message", selectionError);
                    }
                    break;
                case "leave" when _peer is not null:
                    await _socket.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "left", CancellationToken.None);
                    break;
                case "publish-offer" or "subscribe-answer" or "select-video" or "leave" when _peer is null:
                    await SendDirectAsync("not-joined", "join a room first");
                    break;
                case "publish-offer" or "subscribe-answer":
                    await SendDirectAsync("bad-message", $"'{type}' needs 'sdp' (and 'version' for an answer)");
                    break;
                default:
                    await SendDirectAsync("bad-message", $"unknown message type '{SignalingSocket.Truncate(type)}'");
                    break;
            }
        }
    }

    private async Task JoinAsync(JsonElement root)
    {
        if (_peer is not null)
        {
            await SendDirectAsync("already-joined", "this socket is already in a room");
            return;
        }
        if (!SignalingSocket.TryGetString(root, "room", out var roomName) || !RoomName().IsMatch(roomName)
            || !SignalingSocket.TryGetString(root, "name", out var name) || name.Length is 0 or > 64)
        {
            await SendDirectAsync("bad-message", "join needs 'room' (1-64 of A-Z a-z 0-9 _ -) and 'name' (1-64 characters)");
            return;
        }
        var reception = VideoReception.All;
        if (root.TryGetProperty("video", out var video)
            && (video.ValueKind != JsonValueKind.String || !VideoReceptions.TryParse(video.GetString(), out reception)))
        {
            await SendDirectAsync("bad-message", VideoReceptions.Expected);
            return;
        }
        var room = _rooms.GetOrCreate(roomName);
        var peer = room is null ? null : await room.JoinAsync(name, reception);
        if (room is null || peer is null)
        {
            await SendDirectAsync("room-full", "no more rooms or participants can be served");
            return;
        }
        _room = room;
        _peer = peer;
    }

    private async Task WriteOutboxAsync(DevPeer peer, CancellationToken cancellationToken)
    {
        try
        {
            await OutboxPump.PumpAsync(peer.Outbox.Reader, _socket, cancellationToken);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            _logger.LogDebug("Signaling writer ended: {Message}", e.Message);
        }
    }

    // Before joining, errors go straight to the socket (no outbox exists yet); after, through the outbox, in order.
    private async Task SendDirectAsync(string code, string message)
    {
        if (_peer is not null)
        {
            _peer.Outbox.Writer.TryWrite(JsonSerializer.Serialize(new { type = "error", code, message }));
            return;
        }
        await _socket.SendErrorAsync(code, message);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex RoomName();
}
