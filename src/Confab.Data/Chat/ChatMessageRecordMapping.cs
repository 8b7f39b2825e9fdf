using Confab.Data.Model;
using Confab.Meetings.Chat;

namespace Confab.Data.Chat;

/// <summary>A <see cref="ChatMessage"/> as a <c>chat_messages</c> row and back.</summary>
internal static class ChatMessageRecordMapping
{
    private const string TextType = "text";
    private const string ReactionType = "reaction";
    private const string FileType = "file";

    public static ChatMessageRecord ToRecord(ChatMessage m) => new()
    {
        MeetingId = m.MeetingId,
        MessageId = m.Id,
        SenderParticipantId = m.From,
        SenderUserId = Guid.TryParse(m.FromUserId, out var userId) ? userId : null,
        SenderName = m.FromName,
        RecipientParticipantId = m.To,
        ToHosts = m.ToHosts,
        Content = m.Text,
        MessageType = m.Type switch
        {
            ChatMessageType.Reaction => ReactionType,
            ChatMessageType.File => FileType,
            _ => TextType,
        },
        ReactsTo = m.ReactsTo,
        ClientId = m.ClientId,
        CreatedAt = m.At.UtcDateTime,
        BreakoutRoomId = m.BreakoutRoomId,
    };

    public static ChatMessage FromRecord(ChatMessageRecord r) => new(
        r.MeetingId,
        r.MessageId,
        r.SenderParticipantId,
        r.SenderUserId?.ToString(),
        r.SenderName,
        r.RecipientParticipantId,
        r.ToHosts,
        r.MessageType switch
        {
            ReactionType => ChatMessageType.Reaction,
            FileType => ChatMessageType.File,
            _ => ChatMessageType.Text,
        },
        r.Content,
        r.ReactsTo,
        r.ClientId,
        new DateTimeOffset(DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc)),
        r.BreakoutRoomId);
}
