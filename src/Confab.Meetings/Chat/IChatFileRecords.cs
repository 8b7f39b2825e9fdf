namespace Confab.Meetings.Chat;

/// <summary>The descriptions of chat files (table <c>chat_files</c>); their bytes are in an <see cref="IChatFileStore"/>.</summary>
public interface IChatFileRecords
{
    Task AddAsync(ChatFile file, CancellationToken cancellationToken = default);

    Task<ChatFile?> FindAsync(string meetingId, Guid fileId, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> files uploaded before <paramref name="cutoff"/> (the retention setting).</summary>
    Task<IReadOnlyList<ChatFile>> ListCreatedBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken = default);

    /// <summary>Deletes the descriptions of these files; returns how many went.</summary>
    Task<int> DeleteAsync(IReadOnlyCollection<Guid> fileIds, CancellationToken cancellationToken = default);
}
