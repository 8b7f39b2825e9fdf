using Confab.Data.Database;
using Confab.Data.Model;
using Confab.Meetings.Chat;
using Microsoft.EntityFrameworkCore;

namespace Confab.Data.Chat;

/// <summary>
/// <see cref="IChatStore"/> on the <c>chat_messages</c> table (SQLite or PostgreSQL), one context per call. Idempotency rests on
/// the unique index (meeting, sender, client id): an insert that collides with it returns the row already there. The chat bus's
/// persister writes through <see cref="StoreManyAsync"/>: one INSERT … ON CONFLICT DO NOTHING on PostgreSQL
/// (<see cref="PostgresChatMessageInsert"/>), one transaction on SQLite (<see cref="SqliteChatMessageInsert"/>).
/// </summary>
public sealed class EfChatStore(ConfabDbContextFactory contexts) : IDurableChatStore
{
    public async Task<ChatAppendResult> AppendAsync(ChatMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (await FindByClientIdAsync(message.MeetingId, message.From, message.ClientId, cancellationToken) is { } existing)
        {
            return new ChatAppendResult(existing, false);
        }
        if (await StoreManyAsync([message], cancellationToken) == 1)
        {
            return new ChatAppendResult(message, true);
        }
        // Not inserted: another server stored the same retry first, or the meeting is unknown (the insert joins on meetings).
        var raced = await FindByClientIdAsync(message.MeetingId, message.From, message.ClientId, cancellationToken);
        return raced is null
            ? throw new InvalidOperationException($"The chat message was not stored: meeting {message.MeetingId} is unknown.")
            : new ChatAppendResult(raced, false);
    }

    public async Task<ChatMessage?> FindByClientIdAsync(string meetingId, string from, string clientId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var record = await db.ChatMessages.AsNoTracking()
            .SingleOrDefaultAsync(m => m.MeetingId == meetingId && m.SenderParticipantId == from && m.ClientId == clientId, cancellationToken);
        return record is null ? null : ChatMessageRecordMapping.FromRecord(record);
    }

    public async Task<ChatMessage?> FindAsync(string meetingId, Guid messageId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var record = await db.ChatMessages.AsNoTracking()
            .SingleOrDefaultAsync(m => m.MeetingId == meetingId && m.MessageId == messageId, cancellationToken);
        return record is null ? null : ChatMessageRecordMapping.FromRecord(record);
    }

    public async Task<ChatPage> ListAsync(string meetingId, Guid? after, int limit, ChatReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var db = contexts.Create();
        string me = reader.ParticipantId;
        bool hosts = reader.HoldsControls;
        string? room = reader.BreakoutRoomId;
        var query = db.ChatMessages.AsNoTracking().Where(m => m.MeetingId == meetingId && m.BreakoutRoomId == room);
        if (after is { } afterId)
        {
            query = query.Where(m => m.MessageId.CompareTo(afterId) > 0);
        }
        // The same rule as ChatReader.Sees, in SQL.
        query = query.Where(m => m.SenderParticipantId == me || m.RecipientParticipantId == me
            || (m.ToHosts ? hosts : m.RecipientParticipantId == null));
        var records = await query.OrderBy(m => m.MessageId).Take(limit + 1).ToListAsync(cancellationToken);
        bool more = records.Count > limit;
        return new ChatPage([.. records.Take(limit).Select(ChatMessageRecordMapping.FromRecord)], more);
    }

    public async Task<int> DeleteSentBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var before = cutoff.UtcDateTime;
        return await db.ChatMessages.Where(m => m.CreatedAt < before).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<int> StoreManyAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        // Once per id and per (meeting, sender, client id), whatever the bus delivered twice.
        var records = messages
            .DistinctBy(m => (m.MeetingId, m.Id))
            .DistinctBy(m => (m.MeetingId, m.From, m.ClientId))
            .Select(ChatMessageRecordMapping.ToRecord)
            .ToList();
        if (records.Count == 0)
        {
            return 0;
        }
        try
        {
            if (contexts.Provider == DatabaseProvider.Postgres)
            {
                return await PostgresChatMessageInsert.InsertNewAsync(contexts.ConnectionString, records, cancellationToken);
            }
            await using var db = contexts.Create();
            return await SqliteChatMessageInsert.InsertNewAsync(db, records, cancellationToken);
        }
        catch (Exception e) when (DatabaseRefusals.IsRefusal(e))
        {
            throw new ChatMessageRefusedException($"The database refused a batch of {records.Count} chat messages.", e);
        }
    }
}
