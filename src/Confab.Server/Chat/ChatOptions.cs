namespace Confab.Server.Chat;

/// <summary>The <c>Confab:Chat</c> configuration section.</summary>
public sealed class ChatOptions
{
    public const string SectionName = "Confab:Chat";

    /// <summary>
    /// Days chat messages are kept (<c>Confab:Chat:RetentionDays</c>); 0 (the default) keeps them for good. Older messages
    /// are deleted at start and every hour.
    /// </summary>
    public int RetentionDays { get; set; }

    public const int MaxRetentionDays = 36_500;

    public TimeSpan? CheckedRetention() => RetentionDays switch
    {
        0 => null,
        > 0 and <= MaxRetentionDays => TimeSpan.FromDays(RetentionDays),
        _ => throw new InvalidOperationException(
            $"Confab:Chat:RetentionDays is {RetentionDays}; it must be 0 (keep for good) to {MaxRetentionDays}."),
    };

    public const long DefaultMaxFileBytes = 25L * 1024 * 1024;
    public const long LargestMaxFileBytes = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// The largest file the chat accepts (<c>Confab:Chat:MaxFileBytes</c>), 25 MiB by default; a larger upload is refused
    /// with 413 while it is read.
    /// </summary>
    public long MaxFileBytes { get; set; } = DefaultMaxFileBytes;

    public long CheckedMaxFileBytes() => MaxFileBytes is > 0 and <= LargestMaxFileBytes
        ? MaxFileBytes
        : throw new InvalidOperationException(
            $"Confab:Chat:MaxFileBytes is {MaxFileBytes}; it must be 1 to {LargestMaxFileBytes} bytes.");

    public const int LargestRateLimitMessages = 1_000_000;

    /// <summary>
    /// Chat messages (and reactions) one person may send per 5 seconds (<c>Confab:Chat:RateLimitMessages</c>), 10 by default:
    /// a flood beyond it is refused with <c>rate-limited</c>. Raised only for load tests and machine clients.
    /// </summary>
    public int RateLimitMessages { get; set; } = Confab.Meetings.Chat.ChatRateLimiter.DefaultCapacity;

    public int CheckedRateLimitMessages() => RateLimitMessages is > 0 and <= LargestRateLimitMessages
        ? RateLimitMessages
        : throw new InvalidOperationException(
            $"Confab:Chat:RateLimitMessages is {RateLimitMessages}; it must be 1 to {LargestRateLimitMessages}.");
}
