using System.Net.WebSockets;
using System.Text.Json;
using Confab.Meetings.Rooms;

namespace Confab.Server.Signaling;

/// <summary>
/// One WebSocket of the meeting signaling (docs/signaling.md): the join (credentials checked, throttled), then the
/// person's requests to their live meeting, heartbeats, and the meeting's messages written back in order.
/// </summary>
internal sealed class MeetingSignalingSession(
    ISignalingSocket socket, MeetingJoinAuthenticator authenticator, LiveMeetingRegistry meetings, MeetingPersistence persistence,
    string clientAddress, ILogger logger)
{
    public const int ProtocolVersion = 1;
    public const int OutboxCapacity = 16384;

    // The node holding the client's socket, when the client was relayed here from another node.
    private string? SignalingNode => (socket as Cluster.RelayedSignalingSocket)?.EdgeNode;

    private LiveMeeting? _meeting;
    private MeetingConnection? _connection;
    private bool _left;

    /// <param name="first">The first message (a <c>join</c> with a <c>meetingId</c>), already read by the endpoint.</param>
    public async Task RunAsync(string first, CancellationToken cancellationToken)
    {
        Task? writer = null;
        try
        {
            string? text = first;
            while (text is not null && _connection is null)
            {
                await TryJoinAsync(text, cancellationToken);
                text = _connection is null && socket.IsOpen ? await socket.ReceiveAsync(cancellationToken) : null;
            }
            if (_connection is null || _meeting is null)
            {
                return;
            }
            socket.MarkJoined();
            writer = WriteOutboxAsync(_connection, cancellationToken);
            await persistence.TouchPresenceAsync(_meeting.MeetingId, _connection, SignalingNode);
            while (socket.IsOpen && await socket.ReceiveAsync(cancellationToken) is { } message)
            {
                if (!await HandleAsync(message))
                {
                    _left = true;
                    break;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            logger.LogDebug("Meeting signaling socket ended: {Message}", e.Message);
        }
        finally
        {
            if (_meeting is not null && _connection is not null)
            {
                if (_left || _connection.CloseReason is not null)
                {
                    // Said leave, or the meeting closed this connection (removed, denied, ended, replaced).
                    await _meeting.LeaveAsync(_connection);
                    await persistence.ForgetPresenceAsync(_connection);
                }
                else
                {
                    // Lost without a leave: the participant may resume within the grace period.
                    await _meeting.DetachAsync(_connection);
                }
            }
            if (writer is not null)
            {
                await writer;
            }
        }
    }

    // False when the person left.
    private async Task<bool> HandleAsync(string text)
    {
        if (!TryParse(text, out var document, out var type, out var parseProblem))
        {
            _connection!.Outbox.Writer.TryWrite(JsonSerializer.Serialize(new { type = "error", code = "bad-message", message = parseProblem }));
            return true;
        }
        using (document)
        {
            var root = document!.RootElement;
            switch (type)
            {
                case "ping":
                    _connection!.Outbox.Writer.TryWrite(JsonSerializer.Serialize(new { type = "pong" }));
                    await persistence.TouchPresenceAsync(_meeting!.MeetingId, _connection, SignalingNode);
                    return true;
                case "leave":
                    return false;
                case "join":
                    _connection!.Outbox.Writer.TryWrite(JsonSerializer.Serialize(new { type = "error", code = "already-joined", message = "this socket is already in a meeting", request = "join" }));
                    return true;
                default:
                    await _meeting!.HandleAsync(_connection!, type, root);
                    return true;
            }
        }
    }

    private async Task TryJoinAsync(string text, CancellationToken cancellationToken)
    {
        if (!TryParse(text, out var document, out var type, out var parseProblem))
        {
            await socket.SendErrorAsync("bad-message", parseProblem);
            return;
        }
        using (document)
        {
            var root = document!.RootElement;
            if (type == "resume")
            {
                await TryResumeAsync(root);
                return;
            }
            if (type != "join")
            {
                await socket.SendErrorAsync("not-joined", "join a meeting first");
                return;
            }
            if (!JoinMessage.TryRead(root, clientAddress, out var join, out var problem))
            {
                await socket.SendErrorAsync("bad-message", problem);
                return;
            }
            var (grant, refusal) = await authenticator.AuthenticateAsync(join.Credentials, cancellationToken);
            if (refusal is not null)
            {
                await socket.SendAsync(JsonSerializer.Serialize(new
                {
                    type = "error",
                    code = refusal.Code,
                    message = refusal.Message,
                    retryAfterSeconds = refusal.RetryAfter is { } wait ? (int?)Math.Ceiling(wait.TotalSeconds) : null,
                }), cancellationToken);
                return;
            }
            string? name = join.Name ?? grant!.AccountDisplayName;
            if (string.IsNullOrWhiteSpace(name))
            {
                await socket.SendErrorAsync("bad-message", "join needs a 'name' (1-64 characters)");
                return;
            }
            string participantId = Guid.NewGuid().ToString("N")[..16];
            var connection = new MeetingConnection(participantId, grant!.UserId?.ToString(), join.Device, join.Video, OutboxCapacity);
            var request = new JoinRequest(participantId, grant.UserId?.ToString(), name, join.Device, join.Muted, join.VideoOn,
                grant.UserId is null ? join.GuestKey : null);
            for (int attempt = 0; attempt < 2; attempt++)
            {
                var meeting = meetings.GetOrStart(grant);
                var error = await meeting.JoinAsync(connection, request);
                if (error is null)
                {
                    _meeting = meeting;
                    _connection = connection;
                    return;
                }
                if (error != RoomError.Ended)
                {
                    await socket.SendErrorAsync(MeetingEventMessages.Kebab(error.Value.ToString()), JoinRefusalText(error.Value));
                    return;
                }
                // It ended just now: the next GetOrStart starts it again.
            }
            await socket.SendErrorAsync("ended", "the meeting has ended");
        }
    }

    // resume: {"meetingId": "...", "resumeToken": "...", "iceRestart": true?, "chatAfter": "<message id>"?} from a participant
    // whose socket was lost; iceRestart: it still holds its two peer connections and restarts ICE on them instead of starting
    // new ones; chatAfter: the last chat message it saw — the chat it missed comes before any new message.
    private async Task TryResumeAsync(System.Text.Json.JsonElement root)
    {
        if (!SignalingSocket.TryGetString(root, "meetingId", out var meetingId) || !SignalingSocket.TryGetString(root, "resumeToken", out var token)
            || token.Length is 0 or > 128)
        {
            await socket.SendErrorAsync("bad-message", "resume needs 'meetingId' and 'resumeToken' (strings)");
            return;
        }
        bool iceRestart = false;
        if (root.TryGetProperty("iceRestart", out var restart))
        {
            if (restart.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                await socket.SendErrorAsync("bad-message", "resume's 'iceRestart' is true or false");
                return;
            }
            iceRestart = restart.GetBoolean();
        }
        Guid? chatAfter = null;
        if (root.TryGetProperty("chatAfter", out var after))
        {
            if (after.ValueKind != JsonValueKind.String || !Guid.TryParse(after.GetString(), out var afterId))
            {
                await socket.SendErrorAsync("bad-message", "resume's 'chatAfter' is the id of the last chat message you saw");
                return;
            }
            chatAfter = afterId;
        }
        var meeting = meetings.Find(meetingId);
        var connection = meeting is null ? null : await meeting.ResumeAsync(token, OutboxCapacity, iceRestart, chatAfter);
        if (connection is null)
        {
            await socket.SendErrorAsync("resume-failed", "nothing to resume (the grace period is over or the meeting ended): join again");
            return;
        }
        _meeting = meeting;
        _connection = connection;
    }

    private static string JoinRefusalText(RoomError error) => error switch
    {
        RoomError.Locked => "The meeting is locked.",
        RoomError.RoomFull => "The meeting is full.",
        RoomError.Removed => "You were removed from this meeting and cannot rejoin.",
        RoomError.InvalidName => "A name is 1 to 64 characters.",
        _ => $"Cannot join: {error}.",
    };

    private static bool TryParse(string text, out JsonDocument? document, out string type, out string problem)
    {
        type = "";
        problem = "";
        document = null;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            problem = $"not JSON: {e.Message}";
            return false;
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object || !SignalingSocket.TryGetString(document.RootElement, "type", out type))
        {
            document.Dispose();
            document = null;
            problem = "a message is a JSON object with a string 'type'";
            return false;
        }
        return true;
    }

    private async Task WriteOutboxAsync(MeetingConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await OutboxPump.PumpAsync(connection.Outbox.Reader, socket, cancellationToken);
            if (socket.IsOpen && connection.CloseReason is { } reason && reason != "left")
            {
                await socket.CloseAsync(reason);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            logger.LogDebug("Meeting signaling writer ended: {Message}", e.Message);
        }
    }
}
