using Confab.Meetings.Chat;
using Microsoft.Extensions.Options;

namespace Confab.Server.Chat;

/// <summary>Deletes chat messages older than <see cref="ChatOptions.RetentionDays"/>: once at start, then every hour.</summary>
public sealed class ChatRetentionService(IOptions<ChatOptions> options, IChatStore store, TimeProvider time, ILogger<ChatRetentionService> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    private readonly TimeSpan? _retention = options.Value.CheckedRetention();

    /// <summary>One pass: deletes what is older than the retention; returns how many messages went.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        if (_retention is not { } keep)
        {
            return 0;
        }
        int deleted = await store.DeleteSentBeforeAsync(time.GetUtcNow() - keep, cancellationToken);
        if (deleted > 0)
        {
            logger.LogInformation("Chat retention: deleted {Count} messages older than {Days} days", deleted, keep.TotalDays);
        }
        return deleted;
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
