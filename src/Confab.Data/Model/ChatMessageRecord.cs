namespace Confab.Data.Model;

/// <summary>A row of <c>chat_messages</c>: one in-meeting chat message or reaction (docs/signaling.md, Chat).</summary>
public sealed class ChatMessageRecord
{
    public required string MeetingId { get; set; }
    /// <summary>A UUIDv7: the order of messages.</summary>
    public Guid MessageId { get; set; }
    public required string SenderParticipantId { get; set; }
    /// <summary>Null for a guest.</summary>
    public Guid? SenderUserId { get; set; }
    public required string SenderName { get; set; }
    /// <summary>Null for a message to everyone (or to the hosts).</summary>
    public string? RecipientParticipantId { get; set; }
    /// <summary>For the hosts and co-hosts (and the recipient, when set).</summary>
    public bool ToHosts { get; set; }
    public required string Content { get; set; }
    /// <summary>"text", "reaction" or "file" (then <see cref="Content"/> is the file's JSON description).</summary>
    public required string MessageType { get; set; }
    public Guid? ReactsTo { get; set; }
    /// <summary>The sender's idempotency key: unique per meeting and sender.</summary>
    public required string ClientId { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The breakout room the message belongs to; null for the main room.</summary>
    public string? BreakoutRoomId { get; set; }
}
