using System.Text.Json;
using System.Text.Json.Serialization;
using Confab.Meetings.Chat;

namespace Confab.Data.Chat;

/// <summary>
/// A chat message as the chat bus keeps it in Redis (the dedupe key, the bus entry, the unpersisted hash): JSON in
/// snake_case, every field written out, the type as "text", "reaction" or "file", the time in UTC.
/// </summary>
internal sealed record StoredChatMessage(
    string MeetingId,
    Guid Id,
    string From,
    string? FromUserId,
    string FromName,
    string? To,
    bool ToHosts,
    string Type,
    string Text,
    Guid? ReactsTo,
    string ClientId,
    DateTimeOffset At,
    string? BreakoutRoomId);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(StoredChatMessage))]
internal sealed partial class ChatMessageJsonContext : JsonSerializerContext;

/// <summary>
/// Writes and reads <see cref="StoredChatMessage"/>. Reading never throws: a value that is not such JSON — truncated, a
/// field missing or null where it may not be, an unknown type — reads as null, for the caller to skip or replace.
/// </summary>
internal static class ChatMessageJson
{
    private const string TextType = "text";
    private const string ReactionType = "reaction";
    private const string FileType = "file";

    public static string Write(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var stored = new StoredChatMessage(message.MeetingId, message.Id, message.From, message.FromUserId, message.FromName,
            message.To, message.ToHosts, TypeName(message.Type), message.Text, message.ReactsTo, message.ClientId,
            message.At.ToUniversalTime(), message.BreakoutRoomId);
        return JsonSerializer.Serialize(stored, ChatMessageJsonContext.Default.StoredChatMessage);
    }

    public static ChatMessage? TryRead(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }
        StoredChatMessage? stored;
        try
        {
            stored = JsonSerializer.Deserialize(json, ChatMessageJsonContext.Default.StoredChatMessage);
        }
        catch (JsonException)
        {
            return null;
        }
        if (stored is null || TypeOf(stored.Type) is not { } type)
        {
            return null;
        }
        return new ChatMessage(stored.MeetingId, stored.Id, stored.From, stored.FromUserId, stored.FromName, stored.To,
            stored.ToHosts, type, stored.Text, stored.ReactsTo, stored.ClientId, stored.At.ToUniversalTime(), stored.BreakoutRoomId);
    }

    private static string TypeName(ChatMessageType type) => type switch
    {
        ChatMessageType.Reaction => ReactionType,
        ChatMessageType.File => FileType,
        _ => TextType,
    };

    private static ChatMessageType? TypeOf(string name) => name switch
    {
        TextType => ChatMessageType.Text,
        ReactionType => ChatMessageType.Reaction,
        FileType => ChatMessageType.File,
        _ => null,
    };
}
