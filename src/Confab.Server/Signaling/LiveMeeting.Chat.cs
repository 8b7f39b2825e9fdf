using System.Data.Common;
using System.Text.Json;
using Confab.Meetings.Chat;
using Confab.Meetings.Rooms;
using Microsoft.EntityFrameworkCore;

namespace Confab.Server.Signaling;

/// <summary>
/// In-meeting chat (docs/signaling.md, Chat): <c>chat-send</c>, <c>chat-react</c> and <c>chat-history</c> of people admitted to
/// the live meeting. A message is checked (text, recipient, <see cref="ChatPolicy"/>, <see cref="ChatRateLimiter"/>), stored,
/// then acknowledged to its sender and delivered — in id order, through the pipeline of LiveMeeting.ChatPipeline.cs — to those who see
/// it (<see cref="ChatReader"/>). A refused message stores nothing. The chat of this live meeting is what was said since it
/// began: an earlier session of the same meeting id is not shown.
/// </summary>
internal sealed partial class LiveMeeting
{
    private readonly Dictionary<string, Guid> _chatJoinFloors = new(StringComparer.Ordinal);

    public static bool IsChatRequest(string type) => type is "chat-send" or "chat-react" or "chat-history";

    // Under the gate.
    private async Task HandleChatAsync(MeetingConnection connection, string type, JsonElement message)
    {
        if (!_room.ReceivesMeetingTraffic(connection.ParticipantId))
        {
            SendChatError(message, connection, "not-admitted", "chat starts once you are admitted to the live meeting", type);
            return;
        }
        try
        {
            switch (type)
            {
                case "chat-send":
                    await SendChatAsync(connection, message);
                    break;
                case "chat-react":
                    await ReactInChatAsync(connection, message);
                    break;
                default:
                    await SendChatHistoryAsync(connection, message);
                    break;
            }
        }
        catch (Exception e) when (IsChatStoreFailure(e))
        {
            _logger.LogError(e, "Meeting {Meeting}: the chat store failed", MeetingId);
            SendChatError(message, connection, "chat-unavailable", "the chat could not be stored or read; try again", type);
        }
    }

    private async Task SendChatAsync(MeetingConnection connection, JsonElement message)
    {
        const string type = "chat-send";
        string actor = connection.ParticipantId;
        if (!ChatRequestMessages.TryReadSend(message, out var send, out var problem))
        {
            SendChatError(message, connection, "bad-message", problem, type);
            return;
        }
        if (send.To == actor)
        {
            SendChatError(message, connection, "bad-message", "a private message is for someone else", type);
            return;
        }
        RoomRole? recipientRole = null;
        if (send.To is { } to)
        {
            if (!_room.ReceivesMeetingTraffic(to))
            {
                await RefuseUnlessStoredAsync(message, connection, send.ClientId, "unknown-recipient", "the recipient is not in this meeting", type);
                return;
            }
            recipientRole = _room.Find(to)!.Role;
        }
        var sender = _room.Find(actor)!;
        if (ChatPolicy.AudienceOfSend(sender.Role, recipientRole, _room.Settings) is not { } audience)
        {
            await RefuseUnlessStoredAsync(message, connection, send.ClientId, "chat-not-allowed", ChatRefusal(_room.Settings.ChatWith), type);
            return;
        }
        var (messageType, content) = (ChatMessageType.Text, send.Text);
        if (send.File is { } fileId)
        {
            if (await UploadedFileAsync(actor, fileId) is not { } file)
            {
                await RefuseUnlessStoredAsync(message, connection, send.ClientId, "unknown-file", "no such file uploaded by you in this meeting", type);
                return;
            }
            (messageType, content) = (ChatMessageType.File, ChatFileContent.Write(ChatFileRef.Of(file)));
        }
        StoreAndDeliver(connection, NewChatMessage(sender, send.ClientId, send.To, audience == ChatAudience.Hosts,
            messageType, content!, null), type);
    }

    private async Task ReactInChatAsync(MeetingConnection connection, JsonElement message)
    {
        const string type = "chat-react";
        string actor = connection.ParticipantId;
        if (!ChatRequestMessages.TryReadReact(message, out var react, out var problem))
        {
            SendChatError(message, connection, "bad-message", problem, type);
            return;
        }
        var target = await _chat.FindAsync(MeetingId, react.MessageId);
        if (target is null || !SeesInChat(actor, target))
        {
            await RefuseUnlessStoredAsync(message, connection, react.ClientId, "unknown-message", "no such message in this meeting's chat", type);
            return;
        }
        if (target.Type == ChatMessageType.Reaction)
        {
            SendChatError(message, connection, "bad-message", "a reaction is on a text or file message", type);
            return;
        }
        // The same audience as the message: for a private one (or one for the hosts) the reaction names the other party.
        string? to = target.Audience == ChatAudience.Everyone ? null : target.From == actor ? target.To : target.From;
        RoomRole? otherRole = target.Audience == ChatAudience.Private && to is not null ? _room.Find(to)?.Role : null;
        var sender = _room.Find(actor)!;
        if (!ChatPolicy.MayReact(sender.Role, target.Audience, otherRole, _room.Settings))
        {
            await RefuseUnlessStoredAsync(message, connection, react.ClientId, "chat-not-allowed", ChatRefusal(_room.Settings.ChatWith), type);
            return;
        }
        StoreAndDeliver(connection, NewChatMessage(sender, react.ClientId, to, target.ToHosts,
            ChatMessageType.Reaction, react.Emoji, target.Id), type);
    }

    private async Task SendChatHistoryAsync(MeetingConnection connection, JsonElement message)
    {
        string actor = connection.ParticipantId;
        if (!ChatRequestMessages.TryReadHistory(message, out var history, out var problem))
        {
            SendChatError(message, connection, "bad-message", problem, "chat-history");
            return;
        }
        var page = await HistoryPageAsync(actor, history.After, history.Limit);
        Send(connection, new { type = "chat-history", messages = page.Messages.Select(ChatWire.Message).ToList(), more = page.More });
    }

    // Under the gate, on a resume: everything after `after` the participant sees and that is through the pipeline (the rest is
    // delivered after this), in pages, the last one with more: false. Not admitted (back in the waiting room): nothing.
    private async Task SendMissedChatAsync(MeetingConnection connection, Guid after)
    {
        string actor = connection.ParticipantId;
        if (!_room.ReceivesMeetingTraffic(actor))
        {
            return;
        }
        try
        {
            while (true)
            {
                var page = await HistoryPageAsync(actor, after, ChatRequestMessages.MaxHistoryLimit);
                Send(connection, new { type = "chat-history", messages = page.Messages.Select(ChatWire.Message).ToList(), more = page.More, catchUp = true });
                if (!page.More || page.Messages.Count == 0)
                {
                    return;
                }
                after = page.Messages[^1].Id;
            }
        }
        catch (Exception e) when (IsChatStoreFailure(e))
        {
            _logger.LogError(e, "Meeting {Meeting}: the chat store failed", MeetingId);
            SendChatError(connection, "chat-unavailable", "the chat you missed could not be read; ask with chat-history", "resume", null);
        }
    }

    // Under the gate: up to `limit` messages the participant sees after `after`, never from before their floor, and none still
    // in the pipeline (those reach them by delivery).
    private async Task<ChatPage> HistoryPageAsync(string participantId, Guid? after, int limit)
    {
        var floor = ChatFloorOf(participantId);
        var from = after is { } asked && asked.CompareTo(floor) > 0 ? asked : floor;
        return WithoutMessagesInFlight(await _chat.ListAsync(MeetingId, from, limit, ChatReaderOf(participantId)));
    }

    private static bool IsChatStoreFailure(Exception e) =>
        e is DbUpdateException or DbException or InvalidOperationException or TimeoutException or StackExchange.Redis.RedisException;

    // A refusal, unless this is a retry of a message already stored (its acknowledgement was lost, and what made it valid
    // then — a recipient present, a setting — may have changed since): then the stored message is acknowledged.
    private async Task RefuseUnlessStoredAsync(JsonElement request, MeetingConnection connection, string clientId, string code, string text,
        string type)
    {
        if (await _chat.FindByClientIdAsync(MeetingId, connection.ParticipantId, clientId) is { } stored)
        {
            Send(connection, ChatWire.Ack(stored));
            return;
        }
        SendChatError(request, connection, code, text, type);
    }

    private ChatMessage NewChatMessage(RoomParticipant sender, string clientId, string? to, bool toHosts, ChatMessageType type,
        string text, Guid? reactsTo)
    {
        var now = _time.GetUtcNow();
        // Milliseconds: what every database keeps, so the acknowledgement and the history agree.
        var at = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        return new ChatMessage(MeetingId, _chatIds.Next(), sender.ParticipantId, sender.UserId, sender.DisplayName, to, toHosts, type,
            text, reactsTo, clientId, at);
    }

    private ChatReader ChatReaderOf(string participantId) => new(participantId, HoldsControls(participantId));

    private bool SeesInChat(string participantId, ChatMessage message) =>
        message.Id.CompareTo(ChatFloorOf(participantId)) > 0 && ChatReaderOf(participantId).Sees(message);

    // History starts after this id: the start of this live meeting, or — history for late joiners off — the person's admission.
    private Guid ChatFloorOf(string participantId)
    {
        var floor = _chatFloor;
        if (!_room.Settings.ChatHistoryForLateJoiners && _chatJoinFloors.TryGetValue(participantId, out var joined) && joined.CompareTo(floor) > 0)
        {
            floor = joined;
        }
        return floor;
    }

    // Under the gate, for each change of the room: when people entered (the first time) and who is gone.
    private void NoteChatMembership(IReadOnlyList<RoomEvent> events)
    {
        foreach (var e in events)
        {
            switch (e)
            {
                case ParticipantJoined joined:
                    _chatJoinFloors.TryAdd(joined.ParticipantId, _chatIds.Next());
                    break;
                case ParticipantLeft left:
                    _chatJoinFloors.Remove(left.ParticipantId);
                    _chatRate.Forget(left.ParticipantId);
                    break;
                case Removed removed:
                    _chatJoinFloors.Remove(removed.ParticipantId);
                    _chatRate.Forget(removed.ParticipantId);
                    break;
            }
        }
    }

    private static string ChatRefusal(ChatWith chatWith) => chatWith switch
    {
        ChatWith.NoOne => "the host has turned chat off for participants",
        ChatWith.Hosts => "participants may write only to the hosts and co-hosts",
        ChatWith.Everyone => "private messages are off in this meeting",
        _ => "not allowed",
    };

    // A refused chat request names the request and, when it carried one, its clientId, so the sender knows which
    // message was refused (docs/signaling.md, Chat).
    private void SendChatError(JsonElement request, MeetingConnection connection, string code, string text, string type)
    {
        string? clientId = request.ValueKind == JsonValueKind.Object && request.TryGetProperty("clientId", out var id)
            && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 and <= 64 } value ? value : null;
        SendChatError(connection, code, text, type, clientId);
    }

    private void SendChatError(MeetingConnection connection, string code, string text, string type, string? clientId) =>
        Send(connection, new { type = "error", code, message = text, request = type, clientId });
}
