using Confab.Data.Chat;
using Confab.Meetings.Chat;

namespace Confab.Data.Tests.Chat;

/// <summary>
/// A real durable store whose batch writes a test can hold (<see cref="Hold"/>, until <see cref="Release"/>), fail
/// (<see cref="Down"/>, as a database that cannot be reached) or refuse (<see cref="Refuses"/>). Reads pass straight through.
/// </summary>
public sealed class ControlledChatStore(IDurableChatStore inner) : IDurableChatStore
{
    private TaskCompletionSource _gate = Opened();
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>While true, every batch write throws, storing nothing.</summary>
    public bool Down { get; set; }

    /// <summary>A batch holding a message this says yes to is refused, as a database refuses a value too long for its column.</summary>
    public Func<ChatMessage, bool> Refuses { get; set; } = _ => false;

    /// <summary>Completes once a batch write is waiting at the gate.</summary>
    public Task Held => _held.Task;

    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate.TrySetResult();

    public async Task<int> StoreManyAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken = default)
    {
        if (Down)
        {
            throw new InvalidOperationException("The database is down (test).");
        }
        if (messages.Any(Refuses))
        {
            throw new ChatMessageRefusedException("Refused (test).", new InvalidOperationException("value too long (test)"));
        }
        _held.TrySetResult();
        await _gate.Task.WaitAsync(cancellationToken);
        return await inner.StoreManyAsync(messages, cancellationToken);
    }

    public Task<ChatAppendResult> AppendAsync(ChatMessage message, CancellationToken cancellationToken = default) =>
        inner.AppendAsync(message, cancellationToken);

    public Task<ChatMessage?> FindByClientIdAsync(string meetingId, string from, string clientId, CancellationToken cancellationToken = default) =>
        inner.FindByClientIdAsync(meetingId, from, clientId, cancellationToken);

    public Task<ChatMessage?> FindAsync(string meetingId, Guid messageId, CancellationToken cancellationToken = default) =>
        inner.FindAsync(meetingId, messageId, cancellationToken);

    public Task<ChatPage> ListAsync(string meetingId, Guid? after, int limit, ChatReader reader, CancellationToken cancellationToken = default) =>
        inner.ListAsync(meetingId, after, limit, reader, cancellationToken);

    public Task<int> DeleteSentBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default) =>
        inner.DeleteSentBeforeAsync(cutoff, cancellationToken);

    private static TaskCompletionSource Opened()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }
}
