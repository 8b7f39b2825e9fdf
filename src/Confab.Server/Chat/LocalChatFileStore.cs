using Confab.Meetings.Chat;

namespace Confab.Server.Chat;

/// <summary>
/// Chat files on the server's disk: <c>&lt;DataDir&gt;/chat-files/&lt;meeting id&gt;/&lt;file id&gt;</c>, readable by the
/// server's user only. The uploader's file name is never part of a path. A file is written under a temporary name and
/// renamed once complete, so a half-written or refused upload never shows.
/// </summary>
public sealed class LocalChatFileStore(string root) : IChatFileStore
{
    public const string FolderName = "chat-files";
    private const int BufferSize = 81_920;

    public async Task<long?> SaveAsync(string meetingId, Guid fileId, Stream content, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var folder = MeetingFolder(meetingId);
        Directory.CreateDirectory(folder);
        var final = Path.Combine(folder, fileId.ToString("N"));
        var partial = final + ".part";
        long total = 0;
        bool kept = false;
        try
        {
            await using (var output = new FileStream(partial, WriteOptions()))
            {
                var buffer = new byte[BufferSize];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += read;
                    if (total > maxBytes)
                    {
                        return null;
                    }
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }
            File.Move(partial, final);
            kept = true;
            return total;
        }
        finally
        {
            if (!kept)
            {
                File.Delete(partial);
            }
        }
    }

    private static FileStreamOptions WriteOptions()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        return options;
    }

    public Stream? Open(string meetingId, Guid fileId)
    {
        var path = Path.Combine(MeetingFolder(meetingId), fileId.ToString("N"));
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public void Delete(string meetingId, Guid fileId)
    {
        var folder = MeetingFolder(meetingId);
        if (Directory.Exists(folder))
        {
            File.Delete(Path.Combine(folder, fileId.ToString("N")));
        }
    }

    // The meeting id is digits only (checked by the endpoints): it cannot leave the root.
    private string MeetingFolder(string meetingId)
    {
        if (meetingId.Length == 0 || !meetingId.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("A meeting id is digits only.", nameof(meetingId));
        }
        return Path.Combine(root, meetingId);
    }
}
