namespace Confab.Meetings.Chat;

public enum ChatMessageType
{
    Text,
    /// <summary>An emoji on another message (<see cref="ChatMessage.ReactsTo"/>); its text is the emoji.</summary>
    Reaction,
    /// <summary>A file uploaded to the meeting; its text is the file's description (<see cref="ChatFileContent"/>).</summary>
    File,
}

/// <summary>One stored chat message of a meeting. Text is plain text, never interpreted.</summary>
/// <param name="Id">A UUIDv7: messages are ordered by id.</param>
/// <param name="From">The sender's participant id (guests have no user id).</param>
/// <param name="FromUserId">The sender's account, null for a guest.</param>
/// <param name="To">The recipient's participant id for a private message; null for everyone.</param>
/// <param name="ToHosts">For the hosts and co-hosts (and the sender, and <paramref name="To"/> when set): a participant's public
/// message while only hosts may be written to, and the reactions on one.</param>
/// <param name="ClientId">The sender's idempotency key: one message per (meeting, sender, client id).</param>
/// <param name="BreakoutRoomId">The breakout room the message belongs to; null for the main room.</param>
public sealed record ChatMessage(
    string MeetingId,
    Guid Id,
    string From,
    string? FromUserId,
    string FromName,
    string? To,
    bool ToHosts,
    ChatMessageType Type,
    string Text,
    Guid? ReactsTo,
    string ClientId,
    DateTimeOffset At,
    string? BreakoutRoomId = null)
{
    /// <summary>Who receives it: everyone, the hosts (and the people it names), or its two parties.</summary>
    public ChatAudience Audience => ToHosts ? ChatAudience.Hosts : To is null ? ChatAudience.Everyone : ChatAudience.Private;
}
