using Confab.Meetings.Chat;

namespace Confab.Server.Signaling;

/// <summary>A chat message as the socket sends it (docs/signaling.md, Chat).</summary>
internal static class ChatWire
{
    public static object Message(ChatMessage m) => new
    {
        id = m.Id,
        from = m.From,
        fromName = m.FromName,
        to = m.To,
        toHosts = m.ToHosts,
        type = m.Type == ChatMessageType.Reaction ? "reaction" : "text",
        text = m.Text,
        reactsTo = m.ReactsTo,
        at = m.At,
    };

    public static object Ack(ChatMessage m) => new { type = "chat-ack", clientId = m.ClientId, messageId = m.Id, at = m.At };

    public static object Delivery(ChatMessage m) => new { type = "chat", message = Message(m) };
}
