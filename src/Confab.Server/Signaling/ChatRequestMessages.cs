using System.Text.Json;
using Confab.Meetings.Chat;

namespace Confab.Server.Signaling;

/// <summary>
/// <c>chat-send</c> {clientId, to?, text | file}: exactly one of <see cref="Text"/> (trimmed and checked) and <see cref="File"/>
/// (the id of an uploaded chat file).
/// </summary>
internal sealed record ChatSendRequest(string ClientId, string? To, string? Text, Guid? File);

/// <summary><c>chat-react</c> {clientId, messageId, emoji}.</summary>
internal sealed record ChatReactRequest(string ClientId, Guid MessageId, string Emoji);

/// <summary><c>chat-history</c> {after?, limit?}.</summary>
internal sealed record ChatHistoryRequest(Guid? After, int Limit);

/// <summary>Reads the chat requests of the socket (docs/signaling.md, Chat). Bad input gets a reason, never an exception.</summary>
internal static class ChatRequestMessages
{
    public const int DefaultHistoryLimit = 200;
    public const int MaxHistoryLimit = 500;
    private const int MaxParticipantIdLength = 64;

    public static bool TryReadSend(JsonElement m, out ChatSendRequest request, out string problem)
    {
        request = null!;
        if (!TryReadClientId(m, out var clientId, out problem))
        {
            return false;
        }
        if (!TryReadOptionalString(m, "to", out var to) || to is { Length: 0 or > MaxParticipantIdLength })
        {
            problem = "'to' is a participantId, or null for everyone";
            return false;
        }
        bool hasText = m.TryGetProperty("text", out var textElement) && textElement.ValueKind != JsonValueKind.Null;
        bool hasFile = m.TryGetProperty("file", out var fileElement) && fileElement.ValueKind != JsonValueKind.Null;
        if (hasText == hasFile)
        {
            problem = "chat-send needs either 'text' (a string) or 'file' (the id of an uploaded file)";
            return false;
        }
        if (hasFile)
        {
            if (fileElement.ValueKind != JsonValueKind.String || !Guid.TryParseExact(fileElement.GetString(), "D", out var fileId))
            {
                problem = "'file' is the fileId the upload answered";
                return false;
            }
            request = new ChatSendRequest(clientId, to, null, fileId);
            return true;
        }
        if (textElement.ValueKind != JsonValueKind.String)
        {
            problem = "chat-send needs 'text' (a string)";
            return false;
        }
        if (!ChatText.TryNormalise(textElement.GetString(), out var text, out problem))
        {
            return false;
        }
        request = new ChatSendRequest(clientId, to, text, null);
        return true;
    }

    public static bool TryReadReact(JsonElement m, out ChatReactRequest request, out string problem)
    {
        request = null!;
        if (!TryReadClientId(m, out var clientId, out problem))
        {
            return false;
        }
        if (!TryReadMessageId(m, "messageId", out var messageId) || messageId is not { } id)
        {
            problem = "chat-react needs 'messageId' (the id of a message)";
            return false;
        }
        if (!SignalingSocket.TryGetString(m, "emoji", out var emoji) || !ChatText.IsValidEmoji(emoji))
        {
            problem = $"'emoji' is 1 to {ChatText.MaxEmojiLength} characters without spaces";
            return false;
        }
        request = new ChatReactRequest(clientId, id, emoji);
        return true;
    }

    public static bool TryReadHistory(JsonElement m, out ChatHistoryRequest request, out string problem)
    {
        request = null!;
        problem = "";
        if (!TryReadMessageId(m, "after", out var after))
        {
            problem = "'after' is the id of a message, or absent";
            return false;
        }
        int limit = DefaultHistoryLimit;
        if (m.TryGetProperty("limit", out var limitElement) && limitElement.ValueKind != JsonValueKind.Null)
        {
            if (!limitElement.TryGetInt32(out limit) || limit is < 1 or > MaxHistoryLimit)
            {
                problem = $"'limit' is a whole number from 1 to {MaxHistoryLimit}";
                return false;
            }
        }
        request = new ChatHistoryRequest(after, limit);
        return true;
    }

    private static bool TryReadClientId(JsonElement m, out string clientId, out string problem)
    {
        problem = "";
        if (!SignalingSocket.TryGetString(m, "clientId", out clientId) || !ChatText.IsValidClientId(clientId))
        {
            problem = $"'clientId' is {ChatText.MinClientIdLength} to {ChatText.MaxClientIdLength} characters of A-Z, a-z, 0-9, _ and -";
            return false;
        }
        return true;
    }

    // Absent or null: true with null; a string: true with it; anything else: false.
    private static bool TryReadOptionalString(JsonElement m, string name, out string? value)
    {
        value = null;
        if (!m.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }
        value = element.GetString();
        return true;
    }

    private static bool TryReadMessageId(JsonElement m, string name, out Guid? id)
    {
        id = null;
        if (!TryReadOptionalString(m, name, out var text))
        {
            return false;
        }
        if (text is null)
        {
            return true;
        }
        if (!Guid.TryParseExact(text, "D", out var parsed))
        {
            return false;
        }
        id = parsed;
        return true;
    }
}
