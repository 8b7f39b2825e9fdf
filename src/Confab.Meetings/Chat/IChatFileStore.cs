namespace Confab.Meetings.Chat;

/// <summary>
/// The bytes of chat files, one blob per (meeting, file id). On the server's disk now; an object store fits the same shape.
/// </summary>
public interface IChatFileStore
{
    /// <summary>
    /// Copies <paramref name="content"/> into the blob of <paramref name="fileId"/>, reading at most <paramref name="maxBytes"/> + 1
    /// bytes: returns the size, or null — and nothing kept — when the content is longer than <paramref name="maxBytes"/>.
    /// </summary>
    Task<long?> SaveAsync(string meetingId, Guid fileId, Stream content, long maxBytes, CancellationToken cancellationToken = default);

    /// <summary>The stored bytes for reading, or null when there are none.</summary>
    Stream? Open(string meetingId, Guid fileId);

    /// <summary>Deletes the blob; nothing happens when there is none.</summary>
    void Delete(string meetingId, Guid fileId);
}
