using System.Threading.Channels;
using Confab.Meetings.Chat;
using Microsoft.EntityFrameworkCore;

namespace Confab.Data.Chat;

/// <summary>
/// The database as <see cref="IChatStore"/> without Redis: appends that arrive together are written together — one
/// <see cref="IDurableChatStore.StoreManyAsync"/> (one statement on PostgreSQL, one transaction on SQLite) for up to
/// <see cref="MaxBatch"/> messages — and each append completes once its batch is committed. A lone append is written at
/// once (no waiting for company), so batching costs no latency when the chat is quiet and saves round trips when it is
/// busy. Reads go straight to the database.
/// </summary>
public sealed class GroupCommitChatStore : IChatStore, IAsyncDisposable
{
    public const int MaxBatch = 512;

    private readonly IDurableChatStore _inner;
    private readonly Channel<PendingAppend> _appends = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public GroupCommitChatStore(IDurableChatStore inner)
    {
        _inner = inner;
        _writer = Task.Run(WriteAsync);
    }

    private sealed record PendingAppend(ChatMessage Message, TaskCompletionSource<ChatAppendResult> Result);

    public Task<ChatAppendResult> AppendAsync(ChatMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var pending = new PendingAppend(message, new TaskCompletionSource<ChatAppendResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_appends.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The chat store is shutting down.");
        }
        return pending.Result.Task;
    }

    public Task<ChatMessage?> FindByClientIdAsync(string meetingId, string from, string clientId, CancellationToken cancellationToken = default) =>
        _inner.FindByClientIdAsync(meetingId, from, clientId, cancellationToken);

    public Task<ChatMessage?> FindAsync(string meetingId, Guid messageId, CancellationToken cancellationToken = default) =>
        _inner.FindAsync(meetingId, messageId, cancellationToken);

    public Task<ChatPage> ListAsync(string meetingId, Guid? after, int limit, ChatReader reader, CancellationToken cancellationToken = default) =>
        _inner.ListAsync(meetingId, after, limit, reader, cancellationToken);

    public Task<int> DeleteSentBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default) =>
        _inner.DeleteSentBeforeAsync(cutoff, cancellationToken);

    private async Task WriteAsync()
    {
        var batch = new List<PendingAppend>(MaxBatch);
        while (await _appends.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _appends.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }
            await WriteBatchAsync(batch);
        }
    }

    private async Task WriteBatchAsync(List<PendingAppend> batch)
    {
        int stored;
        try
        {
            stored = await _inner.StoreManyAsync([.. batch.Select(p => p.Message)]);
        }
        catch (ChatMessageRefusedException)
        {
            // One message's values spoil the batch: each alone, so only that one fails.
            foreach (var pending in batch)
            {
                await CompleteAloneAsync(pending);
            }
            return;
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            foreach (var pending in batch)
            {
                pending.Result.TrySetException(e);
            }
            return;
        }
        if (stored == batch.Count)
        {
            foreach (var pending in batch)
            {
                pending.Result.TrySetResult(new ChatAppendResult(pending.Message, true));
            }
            return;
        }
        // Some were there already (retries of a stored message, or twice in this batch): tell them apart one by one.
        foreach (var pending in batch)
        {
            await ResolveAsync(pending);
        }
    }

    private async Task ResolveAsync(PendingAppend pending)
    {
        var m = pending.Message;
        try
        {
            var stored = await _inner.FindByClientIdAsync(m.MeetingId, m.From, m.ClientId);
            if (stored is null)
            {
                pending.Result.TrySetException(new InvalidOperationException($"The chat message was not stored (meeting {m.MeetingId} is gone)."));
                return;
            }
            pending.Result.TrySetResult(new ChatAppendResult(stored, stored.Id == m.Id));
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            pending.Result.TrySetException(e);
        }
    }

    private async Task CompleteAloneAsync(PendingAppend pending)
    {
        try
        {
            pending.Result.TrySetResult(await _inner.AppendAsync(pending.Message));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            pending.Result.TrySetException(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _appends.Writer.TryComplete();
        await _writer;
    }
}
