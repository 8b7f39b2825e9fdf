using System.Text.Json;
using Confab.Meetings.Chat;
using Confab.Meetings.Rooms;

namespace Confab.Server.Signaling;

/// <summary>
/// The meeting requests of the socket (docs/signaling.md, requests) mapped onto <see cref="MeetingRoom"/>: the
/// room decides whether the actor may; this only reads the message's fields.
/// </summary>
internal static class MeetingRequests
{
    public enum Outcome
    {
        /// <summary>Not a meeting request (a media message, or unknown).</summary>
        NotARequest,
        /// <summary>A meeting request with missing or malformed fields.</summary>
        BadFields,
        Applied,
    }

    public static readonly IReadOnlySet<string> Types = new HashSet<string>(StringComparer.Ordinal)
    {
        "admit", "deny", "admit-all", "send-to-waiting-room", "mute", "mute-all", "ask-to-unmute", "stop-video", "remove",
        "rename", "make-co-host", "revoke-co-host", "make-host", "lock", "set-waiting-room", "change-settings",
        "lower-hand", "end-for-all", "set-muted", "set-video", "start-share", "stop-share", "raise-hand", "react", "rename-self",
    };

    public static Outcome Apply(MeetingRoom room, string actor, string type, JsonElement m, out RoomResult? result, out string? problem)
    {
        result = null;
        problem = null;
        if (!Types.Contains(type))
        {
            return Outcome.NotARequest;
        }
        string? target = SignalingSocket.TryGetString(m, "participantId", out var t) && t.Length is > 0 and <= 64 ? t : null;
        result = type switch
        {
            "admit" when target is not null => room.Admit(actor, target),
            "deny" when target is not null => room.Deny(actor, target),
            "admit-all" => room.AdmitAll(actor),
            "send-to-waiting-room" when target is not null => room.SendToWaitingRoom(actor, target),
            "mute" when target is not null => room.Mute(actor, target),
            "mute-all" => room.MuteAll(actor, Bool(m, "allowUnmute") ?? true),
            "ask-to-unmute" when target is not null => room.AskToUnmute(actor, target),
            "stop-video" when target is not null => room.StopVideo(actor, target),
            "remove" when target is not null => room.Remove(actor, target),
            "rename" when target is not null && Name(m) is { } name => room.Rename(actor, target, name),
            "make-co-host" when target is not null => room.MakeCoHost(actor, target),
            "revoke-co-host" when target is not null => room.RevokeCoHost(actor, target),
            "make-host" when target is not null => room.MakeHost(actor, target),
            "lock" when Bool(m, "locked") is { } locked => room.Lock(actor, locked),
            "set-waiting-room" when Bool(m, "on") is { } on => room.SetWaitingRoom(actor, on),
            "change-settings" when ReadSettings(room.Settings, m) is { } settings => room.ChangeSettings(actor, settings),
            "lower-hand" when target is not null && target != actor => room.LowerHand(actor, target),
            "lower-hand" => room.LowerHand(actor),
            "end-for-all" => room.EndForAll(actor),
            "set-muted" when Bool(m, "muted") is { } muted => room.SetMuted(actor, muted),
            "set-video" when Bool(m, "on") is { } on => room.SetVideo(actor, on),
            "start-share" => room.StartShare(actor),
            "stop-share" => room.StopShare(actor),
            "raise-hand" => room.RaiseHand(actor),
            "react" when SignalingSocket.TryGetString(m, "emoji", out var emoji) => room.React(actor, emoji),
            "rename-self" when Name(m) is { } name => room.RenameSelf(actor, name),
            _ => null,
        };
        if (result is null)
        {
            problem = $"'{type}' is missing a field or has one of the wrong kind (see docs/signaling.md)";
            return Outcome.BadFields;
        }
        return Outcome.Applied;
    }

    private static bool? Bool(JsonElement m, string name) =>
        m.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    private static string? Name(JsonElement m) => SignalingSocket.TryGetString(m, "name", out var name) ? name : null;

    // change-settings: {"settings": {...}} with any of the fields of MeetingEventMessages.Settings; absent ones stay.
    private static RoomSettings? ReadSettings(RoomSettings current, JsonElement m)
    {
        if (!m.TryGetProperty("settings", out var s) || s.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        string? share = null;
        if (s.TryGetProperty("screenShare", out var shareElement))
        {
            share = shareElement.ValueKind == JsonValueKind.String ? shareElement.GetString() : "";
            if (share is not ("one" or "many"))
            {
                return null;
            }
        }
        ChatWith? chatWith = null;
        if (s.TryGetProperty("chatWith", out var chatElement))
        {
            if (chatElement.ValueKind != JsonValueKind.String || !ChatWithNames.TryParse(chatElement.GetString(), out var parsed))
            {
                return null;
            }
            chatWith = parsed;
        }
        return current with
        {
            WaitingRoomOn = Bool(s, "waitingRoom") ?? current.WaitingRoomOn,
            MuteOnEntry = Bool(s, "muteOnEntry") ?? current.MuteOnEntry,
            JoinBeforeHost = Bool(s, "joinBeforeHost") ?? current.JoinBeforeHost,
            AllowParticipantsUnmute = Bool(s, "allowParticipantsUnmute") ?? current.AllowParticipantsUnmute,
            AllowRenameSelf = Bool(s, "allowRenameSelf") ?? current.AllowRenameSelf,
            ScreenShare = share is null ? current.ScreenShare : share == "many" ? ScreenShareMode.Many : ScreenShareMode.OneAtATime,
            Locked = Bool(s, "locked") ?? current.Locked,
            AllowRemovedToRejoin = Bool(s, "allowRemovedToRejoin") ?? current.AllowRemovedToRejoin,
            ChatWith = chatWith ?? current.ChatWith,
            ChatHistoryForLateJoiners = Bool(s, "chatHistoryForLateJoiners") ?? current.ChatHistoryForLateJoiners,
        };
    }
}
