using Confab.Data.Database;
using Confab.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Confab.Data.Chat;

/// <summary>
/// A batch of chat messages into <c>chat_messages</c> on SQLite, in one transaction: one query each for the rows already
/// stored (by id, or by (meeting, sender, client id)), the meetings and the sender accounts that exist, then the new rows.
/// Rows already there and messages of a deleted meeting are skipped; a deleted sender account is stored as null. SQLite
/// has one writer at a time, so what the transaction read stays true until it commits, unless another process wrote the
/// same rows first — then the commit fails on the unique index and the caller's retry skips them.
/// </summary>
internal static class SqliteChatMessageInsert
{
    /// <summary>Inserts the rows not there yet; returns how many were inserted.</summary>
    public static async Task<int> InsertNewAsync(ConfabDbContext db, IReadOnlyList<ChatMessageRecord> rows, CancellationToken cancellationToken)
    {
        var meetingIds = rows.Select(r => r.MeetingId).Distinct().ToList();
        var messageIds = rows.Select(r => r.MessageId).ToList();
        var clientIds = rows.Select(r => r.ClientId).Distinct().ToList();
        var userIds = rows.Where(r => r.SenderUserId is not null).Select(r => r.SenderUserId!.Value).Distinct().ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await db.ChatMessages.AsNoTracking()
            .Where(m => meetingIds.Contains(m.MeetingId) && (messageIds.Contains(m.MessageId) || clientIds.Contains(m.ClientId)))
            .Select(m => new { m.MeetingId, m.MessageId, m.SenderParticipantId, m.ClientId })
            .ToListAsync(cancellationToken);
        var liveMeetings = (await db.Meetings.AsNoTracking().Where(m => meetingIds.Contains(m.MeetingId))
            .Select(m => m.MeetingId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var liveUsers = (await db.Users.AsNoTracking().Where(u => userIds.Contains(u.UserId))
            .Select(u => u.UserId).ToListAsync(cancellationToken)).ToHashSet();

        var storedIds = existing.Select(m => (m.MeetingId, m.MessageId)).ToHashSet();
        var storedClientIds = existing.Select(m => (m.MeetingId, m.SenderParticipantId, m.ClientId)).ToHashSet();
        var fresh = rows
            .Where(r => liveMeetings.Contains(r.MeetingId)
                && !storedIds.Contains((r.MeetingId, r.MessageId))
                && !storedClientIds.Contains((r.MeetingId, r.SenderParticipantId, r.ClientId)))
            .ToList();
        foreach (var row in fresh.Where(r => r.SenderUserId is { } user && !liveUsers.Contains(user)))
        {
            row.SenderUserId = null;
        }
        db.ChatMessages.AddRange(fresh);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return fresh.Count;
    }
}
