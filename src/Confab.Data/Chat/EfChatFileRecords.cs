using Confab.Data.Database;
using Confab.Data.Model;
using Confab.Meetings.Chat;
using Microsoft.EntityFrameworkCore;

namespace Confab.Data.Chat;

/// <summary><see cref="IChatFileRecords"/> on the <c>chat_files</c> table (SQLite or PostgreSQL), one context per call.</summary>
public sealed class EfChatFileRecords(ConfabDbContextFactory contexts) : IChatFileRecords
{
    public async Task AddAsync(ChatFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        await using var db = contexts.Create();
        db.ChatFiles.Add(new ChatFileRecord
        {
            FileId = file.Id,
            MeetingId = file.MeetingId,
            SessionId = file.SessionId,
            UploaderParticipantId = file.UploaderParticipantId,
            Name = file.Name,
            ContentType = file.ContentType,
            Size = file.Size,
            CreatedAt = file.CreatedAt.UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<ChatFile?> FindAsync(string meetingId, Guid fileId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var record = await db.ChatFiles.AsNoTracking()
            .SingleOrDefaultAsync(f => f.FileId == fileId && f.MeetingId == meetingId, cancellationToken);
        return record is null ? null : FromRecord(record);
    }

    public async Task<IReadOnlyList<ChatFile>> ListCreatedBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var db = contexts.Create();
        var before = cutoff.UtcDateTime;
        var records = await db.ChatFiles.AsNoTracking().Where(f => f.CreatedAt < before)
            .OrderBy(f => f.CreatedAt).Take(limit).ToListAsync(cancellationToken);
        return [.. records.Select(FromRecord)];
    }

    public async Task<int> DeleteAsync(IReadOnlyCollection<Guid> fileIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileIds);
        if (fileIds.Count == 0)
        {
            return 0;
        }
        await using var db = contexts.Create();
        var ids = fileIds.ToList();
        return await db.ChatFiles.Where(f => ids.Contains(f.FileId)).ExecuteDeleteAsync(cancellationToken);
    }

    private static ChatFile FromRecord(ChatFileRecord r) => new(
        r.FileId,
        r.MeetingId,
        r.SessionId,
        r.UploaderParticipantId,
        r.Name,
        r.ContentType,
        r.Size,
        new DateTimeOffset(DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc)));
}
