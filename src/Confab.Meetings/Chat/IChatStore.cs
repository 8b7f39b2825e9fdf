namespace Confab.Meetings.Chat;

/// <summary>
/// Who reads. A message is visible to its sender and its recipient (<see cref="ChatMessage.To"/>); a message for the hosts
/// (<see cref="ChatMessage.ToHosts"/>) also to whoever holds host controls; a message with neither to everyone.
/// </summary>
/// <param name="ParticipantId">The reader.</param>
/// <param name="HoldsControls">The reader is a host or co-host now.</param>
/// <param name="BreakoutRoomId">The room the reader reads in; null for the main room.</param>
public sealed record ChatReader(string ParticipantId, bool HoldsControls, string? BreakoutRoomId = null)
{
    public bool Sees(ChatMessage message) =>
        message.BreakoutRoomId == BreakoutRoomId
        && (message.From == ParticipantId || message.To == ParticipantId
            || (message.ToHosts ? HoldsControls : message.To is null));
}

/// <summary>A page of messages in id order; <paramref name="More"/> when more follow.</summary>
public sealed record ChatPage(IReadOnlyList<ChatMessage> Messages, bool More);

/// <summary>What an append stored: the new message, or the one already stored under the same client id.</summary>
public sealed record ChatAppendResult(ChatMessage Message, bool Created);

/// <summary>The chat messages of meetings, kept beyond the live meeting.</summary>
public interface IChatStore
{
    /// <summary>
    /// Stores <paramref name="message"/> unless its sender already stored one with the same client id in this meeting: then
    /// nothing is stored and the earlier message comes back (<see cref="ChatAppendResult.Created"/> false).
    /// </summary>
    Task<ChatAppendResult> AppendAsync(ChatMessage message, CancellationToken cancellationToken = default);

    /// <summary>The message the sender stored under <paramref name="clientId"/>, if any.</summary>
    Task<ChatMessage?> FindByClientIdAsync(string meetingId, string from, string clientId, CancellationToken cancellationToken = default);

    Task<ChatMessage?> FindAsync(string meetingId, Guid messageId, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> messages after <paramref name="after"/> (all when null) that <paramref name="reader"/> sees, in id order.</summary>
    Task<ChatPage> ListAsync(string meetingId, Guid? after, int limit, ChatReader reader, CancellationToken cancellationToken = default);

    /// <summary>Deletes every message sent before <paramref name="cutoff"/> (the retention setting); returns how many.</summary>
    Task<int> DeleteSentBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default);
}
