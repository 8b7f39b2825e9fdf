using Confab.Meetings.Chat;
using Microsoft.Extensions.Options;

namespace Confab.Server.Chat;

/// <summary>
/// Deletes chat messages and chat files (their rows and their bytes) older than <see cref="ChatOptions.RetentionDays"/>: once
/// at start, then every hour.
/// </summary>
public sealed class ChatRetentionService(IOptions<ChatOptions> options, IChatStore store, IChatFileRecords fileRecords, IChatFileStore files,
    TimeProvider time, ILogger<ChatRetentionService> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    private const int FileBatch = 500;

    private readonly TimeSpan? _retention = options.Value.CheckedRetention();

    /// <summary>One pass: deletes what is older than the retention; returns how many messages and files went.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        if (_retention is not { } keep)
        {
            return 0;
        }
        var cutoff = time.GetUtcNow() - keep;
        int deleted = await store.DeleteSentBeforeAsync(cutoff, cancellationToken);
        if (deleted > 0)
        {
            logger.LogInformation("Chat retention: deleted {Count} messages older than {Days} days", deleted, keep.TotalDays);
        }
        int deletedFiles = await PurgeFilesAsync(cutoff, cancellationToken);
        if (deletedFiles > 0)
        {
            logger.LogInformation("Chat retention: deleted {Count} files older than {Days} days", deletedFiles, keep.TotalDays);
        }
        return deleted + deletedFiles;
    }

    // The bytes first, then the rows: a pass that fails in between leaves rows whose bytes are gone (they download as 404)
    // and the next pass deletes them; never bytes without a row.
    private async Task<int> PurgeFilesAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        int total = 0;
        while (true)
        {
            var old = await fileRecords.ListCreatedBeforeAsync(cutoff, FileBatch, cancellationToken);
            if (old.Count == 0)
            {
                return total;
            }
            foreach (var file in old)
            {
                files.Delete(file.MeetingId, file.Id);
            }
            total += await fileRecords.DeleteAsync([.. old.Select(f => f.Id)], cancellationToken);
            if (old.Count < FileBatch)
            {
                return total;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_retention is null)
        {
            return;
        }
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Chat retention: the purge failed; it runs again in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
