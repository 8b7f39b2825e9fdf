using Confab.Meetings.Chat;

namespace Confab.Data.Chat;

/// <summary>
/// The store where chat messages end up for good (the database today; Cassandra could be one): everything
/// <see cref="IChatStore"/> reads, plus the batch write of the chat bus's persister (<see cref="ChatStreamPersister"/>).
/// </summary>
public interface IDurableChatStore : IChatStore
{
    /// <summary>
    /// Stores, all or none, those of <paramref name="messages"/> not stored yet: a message whose id, or whose (meeting,
    /// sender, client id), is already there is skipped, not an error — the bus delivers at least once. A message of a
    /// meeting that no longer exists is skipped too (it would have gone with its meeting); a sender account that no
    /// longer exists is stored as null. Returns how many were stored. Throws <see cref="ChatMessageRefusedException"/> when the
    /// store refuses a message's values (it would refuse them again), anything else when it failed otherwise (it may pass).
    /// </summary>
    Task<int> StoreManyAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken = default);
}
