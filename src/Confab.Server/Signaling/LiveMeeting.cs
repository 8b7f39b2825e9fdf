using System.Text.Json;
using Confab.Meetings.Chat;
using Confab.Meetings.Rooms;
using Confab.Server.Media;

namespace Confab.Server.Signaling;

/// <summary>
/// One live meeting on this server: the room's state machine (<see cref="MeetingRoom"/>), the connections of the
/// people in it or waiting, and its media room on the SFU. Requests of one meeting run one at a time (a gate). Only
/// people the room admits to the live meeting have a media peer: the waiting room and people held for the host get
/// no media and no meeting events but their own.
/// </summary>
internal sealed partial class LiveMeeting : IAsyncDisposable
{
    private static readonly TimeSpan TickInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long a participant whose socket was lost stays in the meeting, waiting for a resume.</summary>
    public static readonly TimeSpan ResumeGracePeriod = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly MeetingRoom _room;
    private readonly DevRoom _media;
    private readonly MeetingPersistence _persistence;
    private readonly ILogger _logger;
    private readonly Action<LiveMeeting> _ended;
    private readonly Dictionary<string, MeetingConnection> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DevPeer> _mediaPeers = new(StringComparer.Ordinal);
    private readonly ITimer _ticker;
    private readonly TimeProvider _time;
    private readonly IChatStore _chat;
    private readonly IChatFileRecords _chatFiles;
    private readonly MonotonicUuidV7 _chatIds;
    private readonly ChatRateLimiter _chatRate;
    // The last id before this live meeting began: the chat of an earlier session of the same meeting id is not its chat.
    private readonly Guid _chatFloor;

    public LiveMeeting(MeetingRoomOptions options, DevRoom media, MeetingPersistence persistence, IChatStore chat, IChatFileRecords chatFiles,
        MonotonicUuidV7 chatIds, int chatRateLimit, TimeProvider time, ILogger logger, Action<LiveMeeting> ended)
    {
        _chat = chat;
        _chatFiles = chatFiles;
        _chatIds = chatIds;
        _chatRate = new ChatRateLimiter(time, chatRateLimit);
        _chatFloor = chatIds.Next();
        MeetingId = options.MeetingId;
        _room = new MeetingRoom(options, time);
        _media = media;
        _persistence = persistence;
        _logger = logger;
        _ended = ended;
        _time = time;
        _ticker = time.CreateTimer(static state => _ = ((LiveMeeting)state!).TickAsync(), this, TickInterval, TickInterval);
    }

    public string MeetingId { get; }

    public bool HasEnded { get; private set; }

    /// <summary>Puts the connection in the meeting (or its waiting room); the first message it gets is <c>joined</c>.</summary>
    public async Task<RoomError?> JoinAsync(MeetingConnection connection, JoinRequest request)
    {
        await _gate.WaitAsync();
        try
        {
            if (HasEnded)
            {
                return RoomError.Ended;
            }
            var result = _room.Join(request);
            if (!result.Succeeded)
            {
                return result.Error;
            }
            _connections[connection.ParticipantId] = connection;
            Send(connection, new
            {
                type = "joined",
                participantId = connection.ParticipantId,
                meetingId = MeetingId,
                topic = _room.Options.MeetingName,
                resumeToken = connection.ResumeToken,
                resumeWithinSeconds = (int)ResumeGracePeriod.TotalSeconds,
            });
            await ApplyAsync(result.Events);
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A request of someone present: a meeting request, or a media message for its media peer.</summary>
    public async Task HandleAsync(MeetingConnection connection, string type, JsonElement message)
    {
        await _gate.WaitAsync();
        try
        {
            if (HasEnded || !IsCurrent(connection))
            {
                return;
            }
            if (IsChatRequest(type))
            {
                await HandleChatAsync(connection, type, message);
                return;
            }
            switch (MeetingRequests.Apply(_room, connection.ParticipantId, type, message, out var result, out var problem))
            {
                case MeetingRequests.Outcome.BadFields:
                    SendError(connection, "bad-message", problem!, type);
                    return;
                case MeetingRequests.Outcome.Applied when !result!.Succeeded:
                    SendError(connection, MeetingEventMessages.Kebab(result.Error!.Value.ToString()), Explain(result.Error.Value), type);
                    return;
                case MeetingRequests.Outcome.Applied:
                    await ApplyAsync(result.Events);
                    return;
            }
        }
        finally
        {
            _gate.Release();
        }
        await HandleMediaAsync(connection, type, message);
    }

    /// <summary>The connection is gone (socket closed, or it said leave): the person leaves the meeting or its waiting room.</summary>
    public async Task LeaveAsync(MeetingConnection connection)
    {
        await _gate.WaitAsync();
        try
        {
            if (!IsCurrent(connection))
            {
                return; // replaced by a resumed connection, or already gone
            }
            _connections.Remove(connection.ParticipantId);
            connection.DetachTimer?.Dispose();
            connection.Close("left");
            if (!HasEnded)
            {
                var result = _room.Leave(connection.ParticipantId);
                await ApplyAsync(result.Events);
            }
            await EndIfNobodyWaitsForHostAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    // Under the gate.
    private async Task EndIfNobodyWaitsForHostAsync()
    {
        if (!HasEnded && _connections.Count == 0 && _room.Status == RoomStatus.WaitingForHost)
        {
            // Nobody waits for a host any more and the meeting never started: nothing to keep.
            HasEnded = true;
            await _ticker.DisposeAsync();
            EndChatPipeline();
            _ended(this);
        }
    }

    /// <summary><c>PUT /v2/meetings/{id}/status</c> {action: "end"} while the meeting is live here.</summary>
    public async Task EndByApiAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (!HasEnded)
            {
                await ApplyAsync(_room.EndByApi().Events);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _ticker.DisposeAsync();
    }

    private async Task TickAsync()
    {
        try
        {
            await _gate.WaitAsync();
            try
            {
                if (!HasEnded)
                {
                    var events = _room.Tick();
                    if (events.Count > 0)
                    {
                        await ApplyAsync(events);
                    }
                }
            }
            finally
            {
                _gate.Release();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LogError(e, "Meeting {Meeting}: the clock tick failed", MeetingId);
        }
    }

    private async Task HandleMediaAsync(MeetingConnection connection, string type, JsonElement message)
    {
        DevPeer? peer;
        await _gate.WaitAsync();
        try
        {
            peer = _mediaPeers.GetValueOrDefault(connection.ParticipantId);
        }
        finally
        {
            _gate.Release();
        }
        bool media = type is "publish-offer" or "subscribe-answer" or "select-video";
        if (media && peer is null)
        {
            SendError(connection, "not-admitted", "media starts once you are admitted to the live meeting", type);
            return;
        }
        switch (type)
        {
            case "publish-offer" when SignalingSocket.TryGetString(message, "sdp", out var offer):
                if (PublishSourcesMessage.TryRead(message, out var sources, out var sourcesError))
                {
                    await _media.PublishAsync(peer!, offer, sources);
                }
                else
                {
                    SendError(connection, "bad-message", sourcesError, type);
                }
                break;
            case "subscribe-answer" when SignalingSocket.TryGetString(message, "sdp", out var answer)
                && message.TryGetProperty("version", out var version) && version.TryGetInt32(out int v):
                await _media.SubscribeAnswerAsync(peer!, v, answer);
                break;
            case "select-video" when VideoSelectionMessage.TryRead(message, out var selection, out var error):
                await _media.SelectVideoAsync(peer!, selection);
                break;
            case "select-video":
                SendError(connection, "bad-message", "select-video needs 'peers': [{peerId, layer, source}] (see docs/signaling.md)", type);
                break;
            case "publish-offer" or "subscribe-answer":
                SendError(connection, "bad-message", $"'{type}' needs 'sdp' (and 'version' for an answer)", type);
                break;
            default:
                SendError(connection, "bad-message", $"unknown message type '{SignalingSocket.Truncate(type)}'", type);
                break;
        }
    }

    private static string Explain(RoomError error) => error switch
    {
        RoomError.NotAllowed => "your role does not allow this",
        RoomError.NotFound => "no such participant in this meeting",
        RoomError.NotAdmitted => "you are in the waiting room",
        RoomError.NotStarted => "the meeting has not started: it waits for the host",
        RoomError.Locked => "the meeting is locked",
        RoomError.RoomFull => "the meeting is full",
        RoomError.Removed => "you were removed from this meeting",
        RoomError.AlreadySharing => "someone else is sharing their screen",
        RoomError.AlreadyPresent => "already in the meeting",
        RoomError.Ended => "the meeting has ended",
        RoomError.InvalidName => "a name is 1 to 64 characters",
        RoomError.InvalidReaction => "not one of the reactions",
        RoomError.GuestCannotHost => "a guest cannot be made host",
        _ => error.ToString(),
    };

    private void SendError(MeetingConnection connection, string code, string message, string request) =>
        Send(connection, new { type = "error", code, message, request });

    private void Send(MeetingConnection connection, object message)
    {
        if (!connection.Detached)
        {
            SendJson(connection, JsonSerializer.Serialize(message));
        }
    }

    /// <summary>Sends a message already serialized (one message for many recipients is serialized once).</summary>
    private void SendJson(MeetingConnection connection, string json)
    {
        if (connection.Detached)
        {
            return; // its socket is gone; a resume sends a fresh snapshot
        }
        if (!connection.Outbox.Writer.TryWrite(json))
        {
            _logger.LogWarning("Meeting {Meeting}: the outbox of {Participant} is full; closing it", MeetingId, connection.ParticipantId);
            connection.Close("too-slow");
        }
    }
}
