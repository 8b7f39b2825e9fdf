using Confab.Meetings.Chat;

namespace Confab.Server.Signaling;

/// <summary>A chat message as the socket sends it (docs/signaling.md, Chat).</summary>
internal static class ChatWire
{
    public static object Message(ChatMessage m)
    {
        bool isFile = m.Type == ChatMessageType.File;
        var file = isFile && ChatFileContent.TryRead(m.Text, out var described) ? described : null;
        return new
        {
            id = m.Id,
            from = m.From,
            fromName = m.FromName,
            to = m.To,
            toHosts = m.ToHosts,
            type = m.Type switch
            {
                ChatMessageType.Reaction => "reaction",
                ChatMessageType.File => "file",
                _ => "text",
            },
            text = isFile ? null : m.Text,
            file = file is null ? null : new
            {
                id = file.Id,
                name = file.Name,
                size = file.Size,
                contentType = file.ContentType,
                url = FileUrl(m.MeetingId, file.Id),
            },
            reactsTo = m.ReactsTo,
            at = m.At,
        };
    }

    /// <summary>Where the meeting's participants download a chat file (docs/api.md).</summary>
    public static string FileUrl(string meetingId, Guid fileId) => $"/v2/meetings/{meetingId}/chat/files/{fileId:D}";

    public static object Ack(ChatMessage m) => new { type = "chat-ack", clientId = m.ClientId, messageId = m.Id, at = m.At };

    public static object Delivery(ChatMessage m) => new { type = "chat", message = Message(m) };

    /// <summary>Several deliveries in one socket message, in order: the same as that many <c>chat</c>.</summary>
    public static object Deliveries(IEnumerable<ChatMessage> ms) => new { type = "chats", messages = ms.Select(Message).ToList() };
}
